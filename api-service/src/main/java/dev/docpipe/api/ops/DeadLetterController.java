package dev.docpipe.api.ops;

import dev.docpipe.api.problems.ApiProblem;
import dev.docpipe.history.HistoryReadException;
import dev.docpipe.history.TraceParent;
import dev.docpipe.history.dlq.DeadLetter;
import dev.docpipe.history.dlq.DeadLetterException;
import dev.docpipe.history.dlq.DeadLetterReader;
import dev.docpipe.history.dlq.DeadLetterReplay;
import dev.docpipe.history.dlq.RecordAddress;
import io.swagger.v3.oas.annotations.Hidden;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The console's DLQ page: the newest dead letters with their reason (the {@code dlq.*} headers), and a replay that
 * is {@code docpipe dlq replay} ({@link DeadLetterReplay}). The replay is a JSON POST with the operator's bearer
 * token, sent by the page's script: no cookie is involved, so another site cannot make a browser send it (no CSRF).
 */
@RestController
@Hidden
public class DeadLetterController {
    private final DeadLetterReader reader;
    private final DeadLetterReplay replay;
    private final OpsProperties properties;

    public DeadLetterController(DeadLetterReader reader, DeadLetterReplay replay, OpsProperties properties) {
        this.reader = reader;
        this.replay = replay;
        this.properties = properties;
    }

    public record Letter(String address, Instant timestamp, String reason, String detail, String source, String key,
            int valueBytes, Map<String, String> headers, String traceId, String traceUrl) {}

    public record Listing(long offsets, List<Letter> records) {}

    /**
     * As {@code docpipe dlq replay}'s arguments and options.
     *
     * @param addresses {@code partition:offset} on docpipe.dlq
     * @param toTopic send there instead of each record's source topic (optional)
     * @param skipUnreadable do not send records this version's codec still refuses (default false)
     * @param dryRun check and report, send nothing (default false)
     */
    public record ReplayRequest(List<String> addresses, String toTopic, Boolean skipUnreadable, Boolean dryRun) {}

    @GetMapping("/ops/api/dlq")
    public Listing newest() {
        try {
            DeadLetterReader.Newest newest = reader.newest(properties.dlqLimit());
            List<Letter> letters = new ArrayList<>();
            for (DeadLetter d : newest.records().reversed()) {
                String traceId = TraceParent.traceId(d.record().headers());
                letters.add(new Letter(d.address().toString(), d.timestamp(), d.reason(), d.detail(), d.source(),
                        d.key(), d.valueBytes(), d.headers(), traceId, properties.traceLink(traceId)));
            }
            return new Listing(newest.offsets(), letters);
        } catch (HistoryReadException e) {
            throw unavailable(e);
        }
    }

    @PostMapping("/ops/api/dlq/replay")
    public List<DeadLetterReplay.Replayed> replay(@RequestBody ReplayRequest request) {
        if (request.addresses() == null || request.addresses().isEmpty()) {
            throw ApiProblem.badRequest("NO_ADDRESSES", "name at least one record address <partition>:<offset>");
        }
        List<RecordAddress> addresses = new ArrayList<>();
        for (String a : request.addresses()) {
            try {
                addresses.add(RecordAddress.parse(a));
            } catch (IllegalArgumentException e) {
                throw ApiProblem.badRequest("INVALID_RECORD_ADDRESS", e.getMessage());
            }
        }
        try {
            return replay.replay(new DeadLetterReplay.Request(addresses, blankToNull(request.toTopic()),
                    Boolean.TRUE.equals(request.skipUnreadable()), Boolean.TRUE.equals(request.dryRun())));
        } catch (DeadLetterException e) {
            throw switch (e.problem()) {
                case NOT_FOUND -> ApiProblem.notFound("DLQ_RECORD_NOT_FOUND", e.getMessage());
                case NO_SOURCE_TOPIC, INTO_DLQ, UNKNOWN_TOPIC ->
                        new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, "REPLAY_TARGET_INVALID", e.getMessage());
                case SEND_FAILED -> new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "KAFKA_UNAVAILABLE", e.getMessage());
            };
        } catch (HistoryReadException e) {
            throw unavailable(e);
        }
    }

    private static ApiProblem unavailable(HistoryReadException e) {
        return new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "KAFKA_UNAVAILABLE", e.getMessage());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
