package dev.docpipe.cli;

import dev.docpipe.cli.audit.AuditCommand;
import dev.docpipe.cli.backfill.BackfillCommand;
import dev.docpipe.cli.dlq.DlqCommand;
import dev.docpipe.cli.history.HistoryCommand;
import dev.docpipe.cli.rebuild.RebuildProjectionCommand;
import dev.docpipe.cli.redrive.RedriveCommand;
import dev.docpipe.cli.retry.RetryOcrCommand;
import dev.docpipe.cli.support.DurationConverter;
import dev.docpipe.cli.support.Failures;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Stack;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code docpipe}: the operator's tool. Global options are inherited, so they may come before or after the
 * subcommand ({@code docpipe --json audit} or {@code docpipe audit --json}).
 *
 * <p>Exit codes: 0 ok, 1 a violation or failure was found, 2 bad arguments or an unreachable broker/database.
 * Every error is one clear line on stderr, never a stack trace (unless {@code --verbose}).
 */
@Command(name = "docpipe",
        mixinStandardHelpOptions = true,
        scope = ScopeType.INHERIT,
        versionProvider = DocpipeCli.Version.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        exitCodeOnInvalidInput = ExitCodes.USAGE,
        exitCodeOnExecutionException = ExitCodes.FAILURE,
        description = "Operator tools for docpipe: history, read-model rebuilds, audits, redrives, backfills, OCR retries, DLQ.",
        exitCodeListHeading = "%nExit codes:%n",
        preprocessor = DocpipeCli.OneLineErrors.class,
        exitCodeList = {
            "0:ok",
            "1:a violation or failure was found",
            "2:bad arguments, unknown document, unreachable broker or database"},
        subcommands = {
            HistoryCommand.class,
            AuditCommand.class,
            RebuildProjectionCommand.class,
            RedriveCommand.class,
            BackfillCommand.class,
            RetryOcrCommand.class,
            DlqCommand.class,
            CommandLine.HelpCommand.class})
public final class DocpipeCli implements Runnable {

    @Spec
    CommandSpec spec;

    @Option(names = "--bootstrap-servers", paramLabel = "<host:port,...>", scope = ScopeType.INHERIT,
            defaultValue = "${env:DOCPIPE_KAFKA_BOOTSTRAP:-localhost:9092}",
            description = "Kafka bootstrap servers (env DOCPIPE_KAFKA_BOOTSTRAP; default: ${DEFAULT-VALUE}).")
    String bootstrapServers;

    @Option(names = "--db-url", paramLabel = "<jdbc-url>", scope = ScopeType.INHERIT,
            defaultValue = "${env:DOCPIPE_DB_URL}",
            description = "PostgreSQL of the read model, e.g. jdbc:postgresql://localhost:5432/docpipe"
                    + " (env DOCPIPE_DB_URL; none: commands that can work without it fold the event log).")
    String dbUrl;

    @Option(names = "--db-user", paramLabel = "<user>", scope = ScopeType.INHERIT,
            defaultValue = "${env:DOCPIPE_DB_USER}", description = "Database user (env DOCPIPE_DB_USER).")
    String dbUser;

    @Option(names = "--db-password", paramLabel = "<password>", scope = ScopeType.INHERIT,
            defaultValue = "${env:DOCPIPE_DB_PASSWORD}",
            description = "Database password (env DOCPIPE_DB_PASSWORD).")
    String dbPassword;

    @Option(names = "--json", scope = ScopeType.INHERIT, description = "Machine-readable JSON on stdout.")
    boolean json;

    @Option(names = "--no-progress", scope = ScopeType.INHERIT, negatable = false,
            description = "No progress line on stderr.")
    boolean noProgress;

    @Option(names = "--kafka-timeout", paramLabel = "<duration>", scope = ScopeType.INHERIT,
            defaultValue = "${env:DOCPIPE_KAFKA_TIMEOUT:-10s}", converter = DurationConverter.class,
            description = "How long to wait for Kafka to answer before giving up (default: ${DEFAULT-VALUE}).")
    Duration kafkaTimeout;

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
            description = "Log Kafka/JDBC client messages and print stack traces of errors.")
    boolean verbose;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The CLI with short, one-line error handlers (used by {@link #main}). */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new DocpipeCli());
        OneLineErrors.install(cli);
        return cli;
    }

    @Override
    public void run() {
        OneLineErrors.install(spec.commandLine());
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand");
    }

    /**
     * Installs the one-line error handlers on the root {@code CommandLine} while the first argument is
     * parsed, so that a plain {@code new CommandLine(new DocpipeCli()).execute(args)} reports bad
     * arguments in one line too (picocli's default prints the whole usage). Consumes nothing.
     */
    public static final class OneLineErrors implements CommandLine.IParameterPreprocessor {
        @Override
        public boolean preprocess(Stack<String> args, CommandSpec commandSpec,
                CommandLine.Model.ArgSpec argSpec, Map<String, Object> info) {
            CommandLine root = commandSpec.root().commandLine();
            if (root != null) {
                install(root);
            }
            return false;
        }

        static void install(CommandLine root) {
            if (root.getParameterExceptionHandler() instanceof Handler) {
                return;
            }
            Handler handler = new Handler();
            root.setParameterExceptionHandler(handler);
            root.setExecutionExceptionHandler(handler);
        }

        private static final class Handler
                implements CommandLine.IParameterExceptionHandler, CommandLine.IExecutionExceptionHandler {
            @Override
            public int handleParseException(CommandLine.ParameterException e, String[] args) {
                return Failures.usageError(e.getCommandLine(), e.getMessage());
            }

            @Override
            public int handleExecutionException(Exception e, CommandLine commandLine,
                    CommandLine.ParseResult parseResult) {
                return Failures.report(commandLine, e, commandLine.getErr(), false);
            }
        }
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public Optional<String> dbUrl() {
        return Optional.ofNullable(dbUrl).filter(s -> !s.isBlank());
    }

    public String dbUser() {
        return dbUser;
    }

    public String dbPassword() {
        return dbPassword;
    }

    public boolean json() {
        return json;
    }

    public boolean progress() {
        return !noProgress;
    }

    public Duration kafkaTimeout() {
        return kafkaTimeout;
    }

    public boolean verbose() {
        return verbose;
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** Version from the jar manifest (Implementation-Version), or "dev" when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = DocpipeCli.class.getPackage().getImplementationVersion();
            return new String[] {"docpipe " + (v == null ? "dev" : v)};
        }
    }
}
