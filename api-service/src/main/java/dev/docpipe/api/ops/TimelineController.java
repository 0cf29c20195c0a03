package dev.docpipe.api.ops;

import dev.docpipe.api.problems.ApiProblem;
import dev.docpipe.history.DocumentRecordReader;
import dev.docpipe.history.DocumentRecords;
import dev.docpipe.history.HistoryReadException;
import io.swagger.v3.oas.annotations.Hidden;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * A document's timeline, read from its partition of docpipe.events, docpipe.command-outcomes and docpipe.commands
 * (the same reader and fold as {@code docpipe history}). Bounded: at most {@code docpipe.ops.history-max-records}
 * records back from the end of each partition, and {@code docpipe.ops.read-timeout} for a stalled read.
 */
@RestController
@Hidden
public class TimelineController {
    private final DocumentRecordReader reader;
    private final OpsProperties properties;

    public TimelineController(DocumentRecordReader reader, OpsProperties properties) {
        this.reader = reader;
        this.properties = properties;
    }

    @GetMapping("/ops/api/documents/{documentId}/timeline")
    public TimelineView timeline(@PathVariable UUID documentId) {
        DocumentRecords records;
        try {
            records = reader.read(documentId, true);
        } catch (HistoryReadException e) {
            throw new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "KAFKA_UNAVAILABLE", e.getMessage());
        }
        if (records.isEmpty()) {
            throw ApiProblem.notFound("DOCUMENT_NOT_FOUND", "no events, outcomes or commands for document "
                    + documentId);
        }
        return TimelineView.of(records, properties);
    }
}
