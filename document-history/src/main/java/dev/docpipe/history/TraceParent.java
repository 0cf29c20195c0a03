package dev.docpipe.history;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/** The trace id of a record's W3C {@code traceparent} header ({@code 00-<trace id>-<span id>-<flags>}). */
public final class TraceParent {
    public static final String HEADER = "traceparent";
    private static final Pattern VALUE = Pattern.compile("[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}");

    private TraceParent() {}

    /** The trace id, or null when the header is absent, malformed or all zeros (invalid by the spec). */
    public static String traceId(Headers headers) {
        Header header = headers == null ? null : headers.lastHeader(HEADER);
        if (header == null || header.value() == null) {
            return null;
        }
        var matcher = VALUE.matcher(new String(header.value(), StandardCharsets.US_ASCII).strip());
        if (!matcher.matches() || matcher.group(1).chars().allMatch(c -> c == '0')) {
            return null;
        }
        return matcher.group(1);
    }
}
