package dev.docpipe.cli;

import dev.docpipe.cli.audit.AuditCommand;
import dev.docpipe.cli.backfill.BackfillCommand;
import dev.docpipe.cli.dlq.DlqCommand;
import dev.docpipe.cli.erase.EraseCommand;
import dev.docpipe.cli.history.HistoryCommand;
import dev.docpipe.cli.rebuild.RebuildProjectionCommand;
import dev.docpipe.cli.redrive.RedriveCommand;
import dev.docpipe.cli.retry.RetryOcrCommand;
import dev.docpipe.cli.support.DurationConverter;
import dev.docpipe.cli.support.Failures;
import dev.docpipe.kafkaconfig.KafkaSecurity;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
            EraseCommand.class,
            DlqCommand.class,
            CommandLine.HelpCommand.class})
public final class DocpipeCli implements Runnable {

    @Spec
    CommandSpec spec;

    @Option(names = "--bootstrap-servers", paramLabel = "<host:port,...>", scope = ScopeType.INHERIT,
            defaultValue = "${env:DOCPIPE_KAFKA_BOOTSTRAP:-localhost:9092}",
            description = "Kafka bootstrap servers (env DOCPIPE_KAFKA_BOOTSTRAP; default: ${DEFAULT-VALUE}).")
    String bootstrapServers;

    @Option(names = "--kafka-security-protocol", paramLabel = "<protocol>", scope = ScopeType.INHERIT,
            defaultValue = "${env:DOCPIPE_KAFKA_SECURITY_PROTOCOL}",
            description = "PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL (env DOCPIPE_KAFKA_SECURITY_PROTOCOL;"
                    + " default PLAINTEXT). TLS stores come from DOCPIPE_KAFKA_TRUSTSTORE_* / _KEYSTORE_*.")
    String kafkaSecurityProtocol;

    @Option(names = "--kafka-sasl-mechanism", paramLabel = "<mechanism>", scope = ScopeType.INHERIT,
            defaultValue = "${env:DOCPIPE_KAFKA_SASL_MECHANISM}",
            description = "SCRAM-SHA-512 (default), SCRAM-SHA-256 or PLAIN (env DOCPIPE_KAFKA_SASL_MECHANISM).")
    String kafkaSaslMechanism;

    @Option(names = "--kafka-sasl-username", paramLabel = "<user>", scope = ScopeType.INHERIT,
            defaultValue = "${env:DOCPIPE_KAFKA_SASL_USERNAME}",
            description = "SASL user (env DOCPIPE_KAFKA_SASL_USERNAME).")
    String kafkaSaslUsername;

    // No password option: a password on the command line shows in ps and the shell history.
    @Option(names = "--kafka-sasl-password-file", paramLabel = "<file>", scope = ScopeType.INHERIT,
            description = "A file holding the SASL password, e.g. a mounted secret"
                    + " (default: env DOCPIPE_KAFKA_SASL_PASSWORD).")
    Path kafkaSaslPasswordFile;

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

    /**
     * The shared DOCPIPE_KAFKA_* settings, with the options above in place of their variables; exit 2 naming
     * the setting if they do not fit together.
     */
    public KafkaSecurity kafkaSecurity() {
        Map<String, String> options = new java.util.HashMap<>();
        putIfSet(options, KafkaSecurity.SECURITY_PROTOCOL, kafkaSecurityProtocol);
        putIfSet(options, KafkaSecurity.SASL_MECHANISM, kafkaSaslMechanism);
        putIfSet(options, KafkaSecurity.SASL_USERNAME, kafkaSaslUsername);
        if (kafkaSaslPasswordFile != null) {
            try {
                options.put(KafkaSecurity.SASL_PASSWORD, Files.readString(kafkaSaslPasswordFile, StandardCharsets.UTF_8).strip());
            } catch (IOException e) {
                throw CliException.usage("cannot read --kafka-sasl-password-file " + kafkaSaslPasswordFile + ": " + e);
            }
        }
        try {
            return KafkaSecurity.fromEnvironment(name -> options.getOrDefault(name, System.getenv(name)));
        } catch (IllegalArgumentException e) {
            throw CliException.usage(e.getMessage());
        }
    }

    private static void putIfSet(Map<String, String> options, String variable, String value) {
        if (value != null && !value.isBlank()) {
            options.put(variable, value);
        }
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
