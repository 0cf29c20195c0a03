package dev.docpipe.cli;

import dev.docpipe.cli.db.Database;
import dev.docpipe.cli.kafka.KafkaAccess;
import dev.docpipe.cli.support.Failures;
import dev.docpipe.cli.support.Json;
import dev.docpipe.cli.support.Logging;
import dev.docpipe.cli.support.Progress;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The base of every subcommand: access to the global options, Kafka and the database, output helpers,
 * and one place that turns any failure into a one-line message and an exit code. The handling lives here,
 * not only in handlers installed on the {@code CommandLine}, so that a bare
 * {@code new CommandLine(new DocpipeCli()).execute(args)} never prints a stack trace either.
 */
public abstract class OperatorCommand implements Callable<Integer> {
    @Spec
    protected CommandSpec spec;

    private KafkaAccess kafka;
    private Database database;
    private boolean databaseOpened;

    /** The work of the command; returns its exit code. */
    protected abstract int execute() throws Exception;

    @Override
    public final Integer call() {
        Logging.configure(global().verbose());
        try {
            return execute();
        } catch (Exception | Error e) {
            return Failures.report(spec.commandLine(), e, err(), global().verbose());
        } finally {
            closeQuietly();
            out().flush();
            err().flush();
        }
    }

    protected DocpipeCli global() {
        return (DocpipeCli) spec.root().userObject();
    }

    protected PrintWriter out() {
        return spec.commandLine().getOut();
    }

    protected PrintWriter err() {
        return spec.commandLine().getErr();
    }

    protected boolean json() {
        return global().json();
    }

    /** Kafka, checked reachable on first use (exit 2 with a clear message if not). */
    protected KafkaAccess kafka() {
        if (kafka == null) {
            kafka = KafkaAccess.connect(global().bootstrapServers(), global().kafkaSecurity(),
                    global().kafkaTimeout());
        }
        return kafka;
    }

    /** The read model's database when one is configured (checked reachable on first use). */
    protected Optional<Database> database() {
        if (!databaseOpened) {
            databaseOpened = true;
            database = global().dbUrl()
                    .map(url -> Database.open(url, global().dbUser(), global().dbPassword()))
                    .orElse(null);
        }
        return Optional.ofNullable(database);
    }

    /** The database, or exit 2 explaining that this command needs one. */
    protected Database requireDatabase(String why) {
        return database().orElseThrow(() -> CliException.usage(
                "no database configured: " + why + " (use --db-url or DOCPIPE_DB_URL)"));
    }

    protected Progress progress(String label, String unit, long total) {
        return new Progress(err(), label, unit, total, global().progress());
    }

    protected void printJson(Object value) {
        out().println(Json.write(value));
    }

    protected String name() {
        return spec.qualifiedName();
    }

    private void closeQuietly() {
        if (kafka != null) {
            kafka.close();
            kafka = null;
        }
        if (database != null) {
            database.close();
            database = null;
        }
        databaseOpened = false;
    }
}
