package dev.docpipe.api.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, for what {@code java.net.http} refuses to send: illegal characters in
 * the request target, bogus or lying {@code Content-Length}, malformed chunking, oversized request
 * lines, control characters in header values. One request per connection ({@code Connection: close}).
 */
public final class RawHttp {
    private static final int MAX_RESPONSE = 1 << 20;

    private RawHttp() {}

    /** A parsed response; {@code status} is -1 when the server closed the connection without one. */
    public record Response(int status, Map<String, String> headers, byte[] body, String failure) {
        public String contentType() {
            return headers.getOrDefault("content-type", "");
        }
    }

    /**
     * Sends {@code request} verbatim (ISO-8859-1 bytes are the caller's business) and reads the
     * response until the server closes the connection.
     *
     * @param closeOutput half-close after writing: the server sees end-of-stream at once, which is
     *     what a client that lied about its body length looks like when it gives up
     */
    public static Response send(int port, byte[] request, boolean closeOutput, int timeoutMillis) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(timeoutMillis);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request);
                out.flush();
                if (closeOutput) {
                    socket.shutdownOutput();
                }
            } catch (IOException e) {
                // the server may answer (and close) before reading everything: read what it said
            }
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[16 * 1024];
            try {
                int n;
                while ((n = in.read(buffer)) >= 0 && response.size() < MAX_RESPONSE) {
                    response.write(buffer, 0, n);
                    if (complete(response.toByteArray())) {
                        break;
                    }
                }
            } catch (SocketTimeoutException e) {
                if (response.size() == 0) {
                    return new Response(-1, Map.of(), new byte[0], "timeout without a response");
                }
            } catch (IOException e) {
                if (response.size() == 0) {
                    return new Response(-1, Map.of(), new byte[0], "connection reset: " + e.getMessage());
                }
            }
            return parse(response.toByteArray());
        } catch (IOException e) {
            return new Response(-1, Map.of(), new byte[0], "connect/write failed: " + e);
        }
    }

    /** Whether a whole response (head plus Content-Length or final chunk) has arrived. */
    private static boolean complete(byte[] bytes) {
        int end = headEnd(bytes);
        if (end < 0) {
            return false;
        }
        Map<String, String> headers = headers(new String(bytes, 0, end, StandardCharsets.ISO_8859_1));
        String length = headers.get("content-length");
        if (length != null) {
            try {
                return bytes.length - (end + 4) >= Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                return false;
            }
        }
        if ("chunked".equalsIgnoreCase(headers.getOrDefault("transfer-encoding", "").trim())) {
            String body = new String(bytes, end + 4, bytes.length - end - 4, StandardCharsets.ISO_8859_1);
            return body.equals("0\r\n\r\n") || body.endsWith("\r\n0\r\n\r\n");
        }
        return false;
    }

    private static int headEnd(byte[] bytes) {
        for (int i = 0; i + 3 < bytes.length; i++) {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n' && bytes[i + 2] == '\r' && bytes[i + 3] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static Map<String, String> headers(String head) {
        Map<String, String> headers = new LinkedHashMap<>();
        String[] lines = head.split("\r\n");
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.putIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim());
            }
        }
        return headers;
    }

    static Response parse(byte[] bytes) {
        int end = headEnd(bytes);
        String head = new String(bytes, 0, end < 0 ? bytes.length : end, StandardCharsets.ISO_8859_1);
        String[] statusLine = head.split("\r\n", 2)[0].split(" ", 3);
        if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/")) {
            return new Response(-1, Map.of(), bytes, "no status line: "
                    + head.substring(0, Math.min(80, head.length())));
        }
        int status;
        try {
            status = Integer.parseInt(statusLine[1]);
        } catch (NumberFormatException e) {
            return new Response(-1, Map.of(), bytes, "bad status line: " + statusLine[1]);
        }
        Map<String, String> headers = headers(head);
        byte[] body = end < 0 ? new byte[0] : Arrays.copyOfRange(bytes, end + 4, bytes.length);
        if ("chunked".equalsIgnoreCase(headers.getOrDefault("transfer-encoding", "").trim())) {
            body = dechunk(body);
        }
        return new Response(status, headers, body, null);
    }

    private static byte[] dechunk(byte[] chunked) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        while (i < chunked.length) {
            int lineEnd = i;
            while (lineEnd + 1 < chunked.length && !(chunked[lineEnd] == '\r' && chunked[lineEnd + 1] == '\n')) {
                lineEnd++;
            }
            String sizeText = new String(chunked, i, lineEnd - i, StandardCharsets.ISO_8859_1).split(";")[0].trim();
            int size;
            try {
                size = Integer.parseInt(sizeText, 16);
            } catch (NumberFormatException e) {
                break;
            }
            if (size == 0) {
                break;
            }
            int start = lineEnd + 2;
            out.write(chunked, start, Math.min(size, chunked.length - start));
            i = start + size + 2;
        }
        return out.toByteArray();
    }
}
