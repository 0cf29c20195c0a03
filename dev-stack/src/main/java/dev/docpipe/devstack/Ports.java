package dev.docpipe.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Port choices: a fixed port must be free (a clear error beats a bind failure deep in a log), 0 means any. */
final class Ports {
    private Ports() {}

    /** {@code wanted} if it is free, any free port if it is 0; fails naming {@code what} otherwise. */
    static int require(int wanted, String what, String option) {
        if (wanted == 0) {
            return anyFree();
        }
        if (!isFree(wanted)) {
            throw new IllegalStateException(what + " port " + wanted + " on 127.0.0.1 is in use: stop whatever"
                    + " holds it (another dev stack?) or pass " + option + " 0 for any free port");
        }
        return wanted;
    }

    static int preferred(int wanted) {
        return isFree(wanted) ? wanted : anyFree();
    }

    static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static int anyFree() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on 127.0.0.1", e);
        }
    }
}
