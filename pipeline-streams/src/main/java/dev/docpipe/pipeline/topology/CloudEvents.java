package dev.docpipe.pipeline.topology;

import dev.docpipe.model.event.RecordedEvent;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * CloudEvents 1.0 headers, Kafka protocol binding in binary mode, so that consumers outside this
 * project can route and read {@code docpipe.events} with standard CloudEvents tooling.
 */
final class CloudEvents {
    static final String SOURCE = "/docpipe/pipeline-streams";
    static final String TYPE_PREFIX = "dev.docpipe.document.";

    private CloudEvents() {}

    static Headers headersFor(RecordedEvent event) {
        RecordHeaders headers = new RecordHeaders();
        add(headers, "ce_specversion", "1.0");
        add(headers, "ce_id", event.eventId().toString());
        add(headers, "ce_type", TYPE_PREFIX + event.type());
        add(headers, "ce_source", SOURCE);
        add(headers, "ce_time", event.occurredAt().toString());
        add(headers, "ce_subject", event.documentId().toString());
        add(headers, "content-type", "application/json");
        return headers;
    }

    private static void add(Headers headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
