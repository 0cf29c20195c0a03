package dev.docpipe.api.fuzz;

import static dev.docpipe.api.fuzz.Bytes.ascii;
import static dev.docpipe.api.fuzz.Bytes.concat;
import static dev.docpipe.api.fuzz.Bytes.indexOf;
import static dev.docpipe.api.fuzz.Bytes.latin1OrUtf8;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** HTTP/1.1 requests as bytes, for what {@code java.net.http} will not send (see {@code RawHttp}). */
final class RawRequests {
    private RawRequests() {}

    /**
     * Request line, Host, Connection: close, the headers, Content-Length unless given.
     *
     * @param contentLength sent as is instead of the body's length: a lie, or not a number at all
     */
    static byte[] encode(int port, String method, String target, List<String[]> headers, byte[] body,
            String contentLength) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringBuilder head = new StringBuilder();
        head.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
        head.append("Host: 127.0.0.1:").append(port).append("\r\n");
        head.append("Connection: close\r\n");
        for (String[] h : headers) {
            head.append(h[0]).append(": ").append(h[1]).append("\r\n");
        }
        if (contentLength != null) {
            head.append("Content-Length: ").append(contentLength).append("\r\n");
        } else if (body != null) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        out.writeBytes(latin1OrUtf8(head.toString()));
        if (body != null) {
            out.writeBytes(body);
        }
        return out.toByteArray();
    }

    /** As {@link #encode}, but a one-element header becomes a bare line (no colon) right after the request line. */
    static byte[] encodeWithBareLines(int port, String method, String target, List<String[]> headers,
            byte[] body, String contentLength) {
        List<String[]> normal = new ArrayList<>();
        List<String> bare = new ArrayList<>();
        for (String[] h : headers) {
            if (h.length == 1) {
                bare.add(h[0]);
            } else {
                normal.add(h);
            }
        }
        byte[] bytes = encode(port, method, target, normal, body, contentLength);
        if (bare.isEmpty()) {
            return bytes;
        }
        int firstLine = indexOf(bytes, ascii("\r\n")) + 2;
        return concat(Arrays.copyOfRange(bytes, 0, firstLine),
                latin1OrUtf8(String.join("\r\n", bare) + "\r\n"),
                Arrays.copyOfRange(bytes, firstLine, bytes.length));
    }

    /** @param host empty = no Host header at all; @param twice keep the original Host and add this one */
    static byte[] replaceHost(byte[] request, String host, boolean twice) {
        String text = new String(request, StandardCharsets.ISO_8859_1);
        int start = text.indexOf("\r\nHost: ") + 2;
        int end = text.indexOf("\r\n", start);
        if (twice) {
            return latin1OrUtf8(text.substring(0, end) + "\r\nHost: " + host + text.substring(end));
        }
        if (host.isEmpty()) {
            return latin1OrUtf8(text.substring(0, start) + text.substring(end + 2));
        }
        return latin1OrUtf8(text.substring(0, start) + "Host: " + host + text.substring(end));
    }

    static byte[] stripContentLength(byte[] request) {
        String text = new String(request, StandardCharsets.ISO_8859_1);
        return text.replaceFirst("\r\nContent-Length: [^\r]*", "").getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] chunked(byte[] body) {
        return concat(ascii(Integer.toHexString(body.length) + "\r\n"), body, ascii("\r\n0\r\n\r\n"));
    }
}
