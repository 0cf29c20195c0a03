package dev.docpipe.api.commands;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docpipe.api.web.HttpReply;
import dev.docpipe.api.web.Replies;
import dev.docpipe.model.command.Command;
import dev.docpipe.model.command.CommandPayload;
import dev.docpipe.model.command.ConfirmScan;
import dev.docpipe.model.command.EditReview;
import dev.docpipe.model.command.EraseDocument;
import dev.docpipe.model.command.Rescan;
import dev.docpipe.model.command.RetryOcr;
import dev.docpipe.model.document.DocumentState;
import dev.docpipe.model.document.ReviewPatch;
import dev.docpipe.model.outcome.CommandOutcome;
import dev.docpipe.model.outcome.OutcomeStatus;
import dev.docpipe.model.outcome.Reason;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The outcome-to-HTTP table of docs/design.md, row by row. */
class CommandRepliesTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final CommandReplies replies = new CommandReplies(new Replies(JSON));
    private final UUID child = UUID.randomUUID();

    private HttpReply reply(CommandPayload payload, OutcomeStatus status, Reason reason, OutcomeStatus original) {
        Command command = new Command(UUID.randomUUID(), UUID.randomUUID(), Instant.now(), "a", payload);
        CommandOutcome outcome = new CommandOutcome(command.commandId(), command.documentId(), command.type(), status,
                reason, original, DocumentState.EXTRACTED, 9, 3, 2, List.of(), Instant.now());
        return replies.reply(new CommandService.Submitted(command, child, outcome), "/x");
    }

    private static JsonNode body(HttpReply reply) {
        return JSON.readTree(reply.body());
    }

    @Test
    void confirmScan() {
        HttpReply accepted = reply(new ConfirmScan(), OutcomeStatus.ACCEPTED, Reason.OCR_QUEUED, null);
        assertThat(accepted.status()).isEqualTo(202);
        assertThat(accepted.headers()).containsEntry("ETag", "\"9\"").containsKey("Location");
        assertThat(body(accepted).path("version").asLong()).isEqualTo(9);
        assertThat(reply(new ConfirmScan(), OutcomeStatus.ALREADY_DONE, Reason.ALREADY_CONFIRMED, null).status())
                .isEqualTo(200);
        HttpReply notReady = reply(new ConfirmScan(), OutcomeStatus.REJECTED, Reason.SCAN_NOT_READY, null);
        assertThat(notReady.status()).isEqualTo(409);
        assertThat(notReady.headers().get("Content-Type")).isEqualTo("application/problem+json");
        assertThat(body(notReady).path("code").asString()).isEqualTo("SCAN_NOT_READY");
        // a repeated commandId answers as the original decision
        assertThat(reply(new ConfirmScan(), OutcomeStatus.DUPLICATE, Reason.OCR_QUEUED, OutcomeStatus.ACCEPTED).status())
                .isEqualTo(202);
    }

    @Test
    void eraseIs204WhenErasedNowOrBefore() {
        for (HttpReply erased : List.of(
                reply(new EraseDocument(), OutcomeStatus.ACCEPTED, Reason.DOCUMENT_ERASED, null),
                reply(new EraseDocument(), OutcomeStatus.ALREADY_DONE, Reason.DOCUMENT_ERASED, null),
                reply(new EraseDocument(), OutcomeStatus.DUPLICATE, Reason.DOCUMENT_ERASED, OutcomeStatus.ACCEPTED))) {
            assertThat(erased.status()).isEqualTo(204);
            assertThat(erased.body()).isEmpty();
            assertThat(erased.headers()).containsEntry("ETag", "\"9\"").doesNotContainKey("Location");
        }
        HttpReply unknown = reply(new EraseDocument(), OutcomeStatus.REJECTED, Reason.DOCUMENT_NOT_FOUND, null);
        assertThat(unknown.status()).isEqualTo(404);
    }

    @Test
    void everyCommandOnAnErasedDocumentIs409DocumentErased() {
        for (CommandPayload payload : List.<CommandPayload>of(new ConfirmScan(), new Rescan(1), new RetryOcr(1),
                new EditReview(3, new ReviewPatch("t", null, null, null, null)))) {
            HttpReply refused = reply(payload, OutcomeStatus.REJECTED, Reason.DOCUMENT_ERASED, null);
            assertThat(refused.status()).as(payload.toString()).isEqualTo(409);
            assertThat(body(refused).path("code").asString()).isEqualTo("DOCUMENT_ERASED");
            assertThat(body(refused).path("detail").asString()).contains("erased");
        }
    }

    @Test
    void rescan() {
        assertThat(reply(new Rescan(1), OutcomeStatus.ACCEPTED, Reason.SCAN_QUEUED, null).status()).isEqualTo(202);
        HttpReply inProgress = reply(new Rescan(1), OutcomeStatus.IN_PROGRESS, Reason.SCAN_IN_PROGRESS, null);
        assertThat(inProgress.status()).isEqualTo(409);
        assertThat(body(inProgress).path("code").asString()).isEqualTo("SCAN_IN_PROGRESS");
        assertThat(body(reply(new Rescan(1), OutcomeStatus.REJECTED, Reason.ALREADY_CONFIRMED, null))
                .path("code").asString()).isEqualTo("ALREADY_CONFIRMED");
        assertThat(reply(new Rescan(1), OutcomeStatus.ALREADY_DONE, Reason.ATTEMPT_SUPERSEDED, null).status())
                .isEqualTo(200);
    }

    @Test
    void retryOcr() {
        HttpReply accepted = reply(new RetryOcr(1), OutcomeStatus.ACCEPTED, Reason.OCR_QUEUED, null);
        assertThat(accepted.status()).isEqualTo(202);
        assertThat(accepted.headers()).containsKey("Location");
        assertThat(reply(new RetryOcr(1), OutcomeStatus.ALREADY_DONE, Reason.ALREADY_RETRIED, null).status())
                .isEqualTo(200);
        HttpReply notFailed = reply(new RetryOcr(1), OutcomeStatus.REJECTED, Reason.OCR_NOT_FAILED, null);
        assertThat(notFailed.status()).isEqualTo(409);
        assertThat(body(notFailed).path("code").asString()).isEqualTo("NOT_FAILED");
        assertThat(body(notFailed).path("reason").asString()).isEqualTo("OCR_NOT_FAILED");
        HttpReply inProgress = reply(new RetryOcr(1), OutcomeStatus.REJECTED, Reason.OCR_IN_PROGRESS, null);
        assertThat(inProgress.status()).isEqualTo(409);
        assertThat(body(inProgress).path("code").asString()).isEqualTo("OCR_IN_PROGRESS");
        HttpReply unknown = reply(new RetryOcr(3), OutcomeStatus.REJECTED, Reason.UNKNOWN_ATTEMPT, null);
        assertThat(unknown.status()).isEqualTo(409);
        // the outcome's attempt is the scan's: not shown as if it were the OCR attempt
        assertThat(body(unknown).has("currentScanAttempt")).isFalse();
    }

    @Test
    void aCommandThePipelineCouldNotDecideIsA422NotA5xx() {
        HttpReply failed = reply(new ConfirmScan(), OutcomeStatus.REJECTED, Reason.PROCESSING_ERROR, null);
        assertThat(failed.status()).isEqualTo(422);
        assertThat(failed.headers().get("Content-Type")).isEqualTo("application/problem+json");
        assertThat(body(failed).path("code").asString()).isEqualTo("PROCESSING_ERROR");
    }

    @Test
    void review() {
        EditReview edit = new EditReview(2, new ReviewPatch("t", null, null, null, null));
        HttpReply ok = reply(edit, OutcomeStatus.ACCEPTED, Reason.REVIEW_UPDATED, null);
        assertThat(ok.status()).isEqualTo(200);
        assertThat(body(ok).path("reviewVersion").asLong()).isEqualTo(3);
        HttpReply stale = reply(edit, OutcomeStatus.STALE, Reason.STALE_WRITE, null);
        assertThat(stale.status()).isEqualTo(409);
        assertThat(body(stale).path("code").asString()).isEqualTo("STALE_WRITE");
        assertThat(body(stale).path("currentReviewVersion").asLong()).isEqualTo(3);
        assertThat(reply(edit, OutcomeStatus.REJECTED, Reason.DOCUMENT_NOT_FOUND, null).status()).isEqualTo(404);
    }

    @Test
    void noOutcomeInTimeIs202WithTheCommandsLocation() {
        Command command = new Command(UUID.randomUUID(), UUID.randomUUID(), Instant.now(), "a", new ConfirmScan());
        HttpReply pending = replies.reply(new CommandService.Submitted(command, child, null), "/x");
        assertThat(pending.status()).isEqualTo(202);
        assertThat(pending.headers()).containsEntry("Location", "/api/v1/commands/" + command.commandId());
        assertThat(body(pending).path("status").asString()).isEqualTo("PENDING");
    }
}
