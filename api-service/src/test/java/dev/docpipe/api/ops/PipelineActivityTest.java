package dev.docpipe.api.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docpipe.model.Topics;
import dev.docpipe.model.document.DocumentState;
import dev.docpipe.model.json.ModelJson;
import dev.docpipe.model.outcome.CommandOutcome;
import dev.docpipe.model.outcome.OutcomeStatus;
import dev.docpipe.model.outcome.Reason;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class PipelineActivityTest {
    private final PipelineActivity activity = new PipelineActivity(null);

    @Test
    void everyOutcomeIsACommandAndAlreadyDoneAndDuplicateAreSuppressedDuplicates() {
        activity.count(outcome(OutcomeStatus.ACCEPTED, Reason.OCR_QUEUED));
        activity.count(outcome(OutcomeStatus.ALREADY_DONE, Reason.ALREADY_CONFIRMED));
        activity.count(outcome(OutcomeStatus.DUPLICATE, Reason.OCR_QUEUED));
        activity.count(new ConsumerRecord<>(Topics.COMMAND_OUTCOMES, 0, 3, null, "{".getBytes()));

        assertThat(activity.totals()).isEqualTo(new PipelineActivity.Totals(3, 2, 0));
    }

    @Test
    void aJobIsAScanOrOcrRequestedEventRecognisedByItsCloudEventsType() {
        activity.count(event("dev.docpipe.document.ScanRequested"));
        activity.count(event("dev.docpipe.document.OcrRequested"));
        activity.count(event("dev.docpipe.document.ScanConfirmed"));

        assertThat(activity.totals().jobs()).isEqualTo(2);
    }

    private static ConsumerRecord<byte[], byte[]> outcome(OutcomeStatus status, Reason reason) {
        CommandOutcome outcome = new CommandOutcome(UUID.randomUUID(), UUID.randomUUID(), "ConfirmScan", status, reason,
                status == OutcomeStatus.DUPLICATE ? OutcomeStatus.ACCEPTED : null, DocumentState.OCR_PENDING, 5, 0, 1,
                List.of(), Instant.now());
        return new ConsumerRecord<>(Topics.COMMAND_OUTCOMES, 0, 0, null, ModelJson.OUTCOMES.encode(outcome));
    }

    private static ConsumerRecord<byte[], byte[]> event(String type) {
        ConsumerRecord<byte[], byte[]> r = new ConsumerRecord<>(Topics.EVENTS, 0, 0, null, "{}".getBytes());
        r.headers().add("ce_type", type.getBytes(StandardCharsets.UTF_8));
        return r;
    }
}
