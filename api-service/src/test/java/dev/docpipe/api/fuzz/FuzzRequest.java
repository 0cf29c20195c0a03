package dev.docpipe.api.fuzz;

import static dev.docpipe.api.fuzz.Bytes.printable;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One hostile request. {@code raw} set = sent verbatim over a socket; {@code may2xx} marks the few
 * requests a correct server answers with a success (an {@code OPTIONS} listing the allowed methods).
 */
public record FuzzRequest(int index, String category, String method, String target, List<String[]> headers,
        byte[] body, Raw raw, boolean may2xx) {

    /** @param closeOutput half-close after writing (a client that lied about its body length) */
    public record Raw(byte[] bytes, boolean closeOutput) {}

    /** Enough to replay the request by hand from a failure report. */
    public String describe() {
        String b = body == null ? "" : printable(body, 160);
        String r = raw == null ? "" : " raw=" + printable(raw.bytes(), 300);
        StringBuilder h = new StringBuilder();
        for (String[] header : headers) {
            h.append(' ').append(header[0]).append('=').append(printable(
                    header[1].getBytes(StandardCharsets.ISO_8859_1), 60));
        }
        return "#" + index + " [" + category + "] " + method + " " + printable(
                target.getBytes(StandardCharsets.ISO_8859_1), 160) + h + (b.isEmpty() ? "" : " body=" + b) + r;
    }
}
