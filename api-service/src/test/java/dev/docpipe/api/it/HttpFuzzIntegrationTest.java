package dev.docpipe.api.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docpipe.api.fuzz.FuzzFixture;
import dev.docpipe.api.fuzz.FuzzGenerator;
import dev.docpipe.api.fuzz.FuzzReport;
import dev.docpipe.api.fuzz.FuzzRunner;
import dev.docpipe.api.fuzz.FuzzSender;
import dev.docpipe.api.support.ApiIntegrationTest;
import dev.docpipe.api.support.HttpApi;
import dev.docpipe.api.support.TestStack;
import dev.docpipe.api.upload.ContentTypes;
import dev.docpipe.model.Topics;
import dev.docpipe.testsupport.TopicReader;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Thousands of malformed or adversarial requests over real HTTP against every endpoint of the design,
 * from a seeded generator: each one is invalid by construction, so none may produce a command, none
 * may be answered with a 5xx, and every error must be {@code application/problem+json}.
 *
 * <p>Invalid by construction: a request either names a document, child or command the caller does not
 * own, or carries something the contract refuses whatever the server's leniency (broken JSON syntax,
 * wrong types, unknown fields, out-of-range numbers, invalid UTF-8, an unsupported media type, a file
 * whose bytes are none of the accepted types, an Idempotency-Key outside 1-255 visible ASCII, a wrong
 * method, a forged token, a query string that is not percent-encoded UTF-8 — on /actuator/health too). Only those strictly invalid inputs are ever aimed at a real document of the
 * caller; inputs a lenient but correct server could accept (numeric strings, a JSON {@code null}, a BOM,
 * duplicate keys with valid values, exotic JSON media types) are aimed at documents that do not exist.
 * Every uploaded file is checked against the API's own {@link ContentTypes} before it is sent. The
 * families of hostile input live in {@code dev.docpipe.api.fuzz}.
 *
 * <p>Left out on purpose: {@code CONNECT} and unknown transfer codings, which the container answers with
 * 501 as RFC 9110/9112 ask (they never reach the application), and HTTP versions other than 1.1 (505).
 *
 * <p>{@code -Dfuzz.requests=N} (default 10000), {@code -Dfuzz.seed=S}, {@code -Dfuzz.concurrency=C}
 * (default 24). The same seed sends the same requests (each request's generator is seeded by the seed
 * and its index, so concurrency does not change what is sent).
 */
class HttpFuzzIntegrationTest extends ApiIntegrationTest {
    private static final int REQUESTS = Integer.getInteger("fuzz.requests", 10_000);
    private static final long SEED = Long.getLong("fuzz.seed", 20261123L);
    private static final int CONCURRENCY = Integer.getInteger("fuzz.concurrency", 24);

    @Test
    @Timeout(value = 15, unit = TimeUnit.MINUTES)
    void hostileRequestsNeverCauseA5xxANonProblemAnswerOrACommand() throws Exception {
        // a real document of the caller, SCANNED: nothing in flight, so its version moves only if a command
        // gets through (and a confirm-scan that did would queue an OCR job); another family's document
        UUID realDoc = scannedDocument();
        long realVersion = api.get(docPath(realDoc)).json().path("version").asLong();
        Family other = newFamily();
        HttpApi.Response otherUpload = other.api().uploadFile(other.childId(), "theirs.pdf", pdf());
        assertThat(otherUpload.status()).as(otherUpload.toString()).isEqualTo(202);
        UUID otherDoc = UUID.fromString(otherUpload.json().path("documentId").asString());
        String otherCommandText = otherUpload.json().path("commandId").asString(null);
        UUID otherCommand = otherCommandText != null ? UUID.fromString(otherCommandText) : UUID.randomUUID();
        // the fuzzing caller is the test's own family
        FuzzFixture fixture = new FuzzFixture(port, tokens.issue(accountId), childId, realDoc, other.childId(),
                otherDoc, otherCommand);

        Map<Integer, Long> before = endOffsets(Topics.COMMANDS);
        FuzzReport report = new FuzzReport();
        double seconds = FuzzRunner.run(new FuzzGenerator(SEED, fixture), new FuzzSender(port), report, REQUESTS,
                CONCURRENCY);
        // the outcomes of anything that did get through would arrive within the outcome wait: none may
        long commands = recordsSince(before);

        System.out.println("\n=== HttpFuzzIntegrationTest ===\n" + report.render(SEED, REQUESTS, CONCURRENCY,
                seconds, commands, commands > 0 ? commandsSince(before) : List.of()));

        assertThat(report.serverErrors()).as("5xx").isEmpty();
        assertThat(report.nonProblems()).as("errors that are not problem+json").isEmpty();
        assertThat(report.problemsWithoutCode()).as("problem bodies without a code").isEmpty();
        assertThat(report.unexpectedSuccess()).as("2xx to requests that are invalid by construction").isEmpty();
        assertThat(report.noResponse()).as("requests left without a response").isEmpty();
        assertThat(commands).as("records produced to " + Topics.COMMANDS).isZero();
        HttpApi.Response doc = api.get(docPath(realDoc));
        assertThat(doc.json().path("version").asLong()).isEqualTo(realVersion);
    }

    private static long recordsSince(Map<Integer, Long> before) {
        long count = 0;
        for (var e : endOffsets(Topics.COMMANDS).entrySet()) {
            count += e.getValue() - before.getOrDefault(e.getKey(), 0L);
        }
        return count;
    }

    /** What got through: read only on failure, so the report can name the request behind each. */
    private static List<String> commandsSince(Map<Integer, Long> before) {
        return TopicReader.readCommitted(TestStack.get().bootstrapServers).readAll(Topics.COMMANDS).stream()
                .filter(r -> r.offset() >= before.getOrDefault(r.partition(), 0L))
                .map(r -> r.value())
                .toList();
    }
}
