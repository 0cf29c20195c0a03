package dev.docpipe.localinfra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

/**
 * Ports on 127.0.0.1 for servers that must be told their port before they bind it (a KRaft voter, a
 * child JVM). Another process may take a probed port before it is bound: callers that can, retry.
 */
public final class LoopbackPorts {
    private static final int PROBES = 100;

    /** Every port {@link #anyFree()} has returned in this JVM. */
    private static final Set<Integer> HANDED_OUT = new HashSet<>();

    private LoopbackPorts() {
    }

    /**
     * A port nobody listens on right now, and never one this JVM was given before: the kernel may hand out a port
     * it just released again, and a caller asking twice before binding either (a broker's client listener, its SASL
     * listener and its controller) needs different ports.
     */
    public static synchronized int anyFree() {
        for (int probe = 0; probe < PROBES; probe++) {
            int port = probe();
            if (HANDED_OUT.add(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no port on 127.0.0.1 not handed out before in " + PROBES + " probes");
    }

    private static int probe() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on 127.0.0.1", e);
        }
    }

    public static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
