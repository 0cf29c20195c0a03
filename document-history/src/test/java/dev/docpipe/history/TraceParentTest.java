package dev.docpipe.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class TraceParentTest {
    @Test
    void theTraceIdIsTheSecondFieldOfAValidHeader() {
        assertThat(TraceParent.traceId(headers("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")))
                .isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    }

    @Test
    void noHeaderAMalformedOneOrAnAllZeroTraceIdGiveNone() {
        assertThat(TraceParent.traceId(new RecordHeaders())).isNull();
        assertThat(TraceParent.traceId(headers("not a traceparent"))).isNull();
        assertThat(TraceParent.traceId(headers("00-00000000000000000000000000000000-00f067aa0ba902b7-01"))).isNull();
        assertThat(TraceParent.traceId(headers("00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01"))).isNull();
    }

    private static RecordHeaders headers(String traceparent) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(TraceParent.HEADER, traceparent.getBytes(StandardCharsets.US_ASCII));
        return headers;
    }
}
