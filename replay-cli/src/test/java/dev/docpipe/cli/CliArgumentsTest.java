package dev.docpipe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docpipe.cli.dlq.DlqHeaders;
import dev.docpipe.localinfra.KafkaBroker;
import dev.docpipe.localinfra.PostgresDatabase;
import dev.docpipe.model.DeadLetter;
import dev.docpipe.model.Topics;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every way an operator can get it wrong ends in one clear line on stderr and a non-zero exit code,
 * never a stack trace; and every subcommand explains itself with --help.
 */
class CliArgumentsTest {
    private static final String UNREACHABLE = "127.0.0.1:1";

    @ParameterizedTest
    @ValueSource(strings = {"history", "audit", "rebuild-projection", "redrive", "backfill", "retry-ocr", "erase", "dlq",
        "dlq list", "dlq show", "dlq replay"})
    void everySubcommandHasHelp(String subcommand) {
        String[] args = Stream.concat(Stream.of(subcommand.split(" ")), Stream.of("--help")).toArray(String[]::new);
        Cli.Run run = Cli.exec(args);
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("Usage: docpipe " + subcommand, "--bootstrap-servers", "--json", "Exit codes:");
    }

    @Test
    void rootHelpListsTheCommands() {
        Cli.Run run = Cli.exec("--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("history", "audit", "rebuild-projection", "redrive", "backfill", "retry-ocr",
                "erase", "dlq");
    }

    static Stream<Arguments> badArguments() {
        String doc = UUID.randomUUID().toString();
        return Stream.of(
                Arguments.of(new String[] {}, "missing subcommand"),
                Arguments.of(new String[] {"dlq"}, "missing subcommand"),
                Arguments.of(new String[] {"frobnicate"}, "Unmatched argument"),
                Arguments.of(new String[] {"history", "not-a-uuid"}, "'not-a-uuid' is not a document id"),
                Arguments.of(new String[] {"history"}, "Missing required parameter: '<documentId>'"),
                Arguments.of(new String[] {"history", doc, "--at", "yesterday-ish"}, "is neither an offset"),
                Arguments.of(new String[] {"redrive", "--from", "10", "--to", "5"}, "inverted range: --from 10 is after --to 5"),
                Arguments.of(new String[] {"redrive", "--from", "2026-02-01", "--to", "2026-01-01"}, "inverted range"),
                Arguments.of(new String[] {"redrive", "--from", "latest", "--to", "3"}, "inverted range"),
                Arguments.of(new String[] {"redrive", "--from", "0"}, "Missing required option: '--to"),
                Arguments.of(new String[] {"redrive", "--from", "0", "--to", "soon"}, "'soon' is neither an offset"),
                Arguments.of(new String[] {"redrive", "--topic", Topics.EVENTS, "--from", "0", "--to", "1"},
                        "only docpipe.commands can be redriven"),
                Arguments.of(new String[] {"backfill", "--from", "2026-02-01", "--to", "2026-01-01",
                    "--engine-version", "v2"}, "inverted range: --from 2026-02-01 is after --to 2026-01-01"),
                Arguments.of(new String[] {"backfill", "--from", "2026-01-01", "--to", "2026-01-31"},
                        "Missing required option: '--engine-version"),
                Arguments.of(new String[] {"backfill", "--from", "January", "--to", "2026-01-31",
                    "--engine-version", "v2"}, "'January' is not a date"),
                Arguments.of(new String[] {"backfill", "--from", "2026-01-01", "--to", "2026-01-31",
                    "--engine-version", "v2", "--rate", "0"}, "--rate must be > 0"),
                Arguments.of(new String[] {"retry-ocr"}, "Missing required argument"),
                Arguments.of(new String[] {"retry-ocr", "--document", doc}, "Missing required argument"),
                Arguments.of(new String[] {"retry-ocr", "--failed-attempt", "1"}, "Missing required argument"),
                Arguments.of(new String[] {"retry-ocr", "--document", doc, "--failed-attempt", "1", "--all-failed"},
                        "expected only one match"),
                Arguments.of(new String[] {"retry-ocr", "--document", "nope", "--failed-attempt", "1"},
                        "'nope' is not a document id"),
                Arguments.of(new String[] {"erase"}, "Missing required argument"),
                Arguments.of(new String[] {"erase", "--document", doc, "--child", doc}, "mutually exclusive"),
                Arguments.of(new String[] {"erase", "--document", "nope"}, "'nope' is not a document id"),
                Arguments.of(new String[] {"rebuild-projection", "--document", "nope"}, "'nope' is not a document id"),
                Arguments.of(new String[] {"audit", "--margin", "five minutes"}, "is not a duration"),
                Arguments.of(new String[] {"dlq", "show", "12"}, "is not a record address"),
                Arguments.of(new String[] {"dlq", "replay"}, "Missing required parameter"));
    }

    @ParameterizedTest
    @MethodSource("badArguments")
    void badArgumentsExitWithCode2AndOneClearLine(String[] args, String message) {
        Cli.Run run = Cli.exec(args);
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.firstErrLine()).as(run.toString()).startsWith("docpipe").contains(message);
        assertNoStackTrace(run);
    }

    static Stream<Arguments> commandsNeedingKafka() {
        String doc = UUID.randomUUID().toString();
        return Stream.of(
                new String[] {"history", doc},
                new String[] {"audit"},
                new String[] {"redrive", "--from", "0", "--to", "10"},
                new String[] {"backfill", "--from", "2026-01-01", "--to", "2026-01-31", "--engine-version", "v2"},
                new String[] {"retry-ocr", "--all-failed"},
                new String[] {"erase", "--document", doc},
                new String[] {"retry-ocr", "--document", doc, "--failed-attempt", "2", "--dry-run"},
                new String[] {"dlq", "list"},
                new String[] {"dlq", "replay", "0:1"}).map(a -> Arguments.of((Object) a));
    }

    @ParameterizedTest
    @MethodSource("commandsNeedingKafka")
    void anUnreachableBrokerIsReportedInOneLine(String[] args) {
        String[] all = Stream.concat(Stream.of(args), Stream.of("--bootstrap-servers", UNREACHABLE,
                "--kafka-timeout", "1500ms", "--no-progress")).toArray(String[]::new);
        Cli.Run run = Cli.exec(all);
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.firstErrLine()).as(run.toString())
                .contains("cannot reach Kafka at 127.0.0.1:1 within 1500ms");
        assertThat(run.out()).isEmpty();
        assertNoStackTrace(run);
    }

    @Test
    void anUnreachableDatabaseIsReportedInOneLine() {
        Cli.Run run = Cli.exec("rebuild-projection", "--db-url", "jdbc:postgresql://127.0.0.1:1/docpipe",
                "--bootstrap-servers", UNREACHABLE);
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.firstErrLine()).contains("cannot connect to PostgreSQL at jdbc:postgresql://127.0.0.1:1/docpipe");
        assertNoStackTrace(run);

        Cli.Run notPostgres = Cli.exec("audit", "--db-url", "jdbc:mysql://localhost/x", "--bootstrap-servers",
                UNREACHABLE, "--kafka-timeout", "1s");
        assertThat(notPostgres.exitCode()).isEqualTo(2);
        assertThat(notPostgres.firstErrLine()).contains("--db-url must be a PostgreSQL JDBC URL");

        Cli.Run noDb = Cli.exec("rebuild-projection", "--bootstrap-servers", UNREACHABLE);
        assertThat(noDb.exitCode()).isEqualTo(2);
        assertThat(noDb.firstErrLine()).contains("no database configured");
    }

    @Test
    void aDatabaseWithoutTheReadModelIsReportedInOneLine() {
        PostgresDatabase pg = PostgresDatabase.shared();
        String url = pg.createDatabase("replaycli_empty_" + UUID.randomUUID().toString().substring(0, 8));
        Cli.Run run = Cli.exec("rebuild-projection", "--db-url", url, "--db-user", pg.username(), "--db-password",
                pg.password(), "--bootstrap-servers", KafkaBroker.shared().bootstrapServers());
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.firstErrLine()).contains("no read model table 'documents'");
        assertNoStackTrace(run);
    }

    @Test
    void recordsThatDoNotExistAreReportedInOneLine() {
        KafkaBroker broker = KafkaBroker.shared();
        broker.createTopics(4, Topics.ALL.toArray(String[]::new));
        String bootstrap = broker.bootstrapServers();
        Cli.Run show = Cli.exec("dlq", "show", "0:424242", "--bootstrap-servers", bootstrap);
        assertThat(show.exitCode()).as(show.toString()).isEqualTo(2);
        assertThat(show.firstErrLine()).contains("no record at 0:424242 of docpipe.dlq");
        Cli.Run partition = Cli.exec("dlq", "show", "99:0", "--bootstrap-servers", bootstrap);
        assertThat(partition.exitCode()).isEqualTo(2);
        assertThat(partition.firstErrLine()).contains("no record at 99:0");
        Cli.Run redrive = Cli.exec("redrive", "--from", "0", "--to", "1", "--partition", "42", "--bootstrap-servers",
                bootstrap);
        assertThat(redrive.exitCode()).isEqualTo(2);
        assertThat(redrive.firstErrLine()).contains("--partition 42 does not exist");
        assertNoStackTrace(show);
    }

    @Test
    void theDeadLetterHeadersAreThePipelines() {
        // the headers shared-model's one dead-letter builder writes, for the pipeline, workers and API alike
        assertThat(new DeadLetter("R", "d", "t", 0, 0).headers().keySet()).containsExactly(DlqHeaders.REASON,
                DlqHeaders.DETAIL, DlqHeaders.SOURCE_TOPIC, DlqHeaders.SOURCE_PARTITION, DlqHeaders.SOURCE_OFFSET);
    }

    private static void assertNoStackTrace(Cli.Run run) {
        assertThat(run.err()).as(run.toString()).doesNotContain("\tat ", "Exception:", "Caused by");
        assertThat(run.err().lines().count()).as(run.toString()).isLessThanOrEqualTo(2);
    }
}
