package dev.docpipe.cli.support;

import dev.docpipe.cli.CliException;
import dev.docpipe.cli.ExitCodes;
import dev.docpipe.history.HistoryReadException;
import dev.docpipe.history.dlq.DeadLetterException;
import java.io.PrintWriter;
import java.sql.SQLException;
import org.apache.kafka.common.KafkaException;
import org.springframework.dao.DataAccessException;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** Turns any failure into one line on stderr and an exit code. */
public final class Failures {
    private Failures() {}

    public static int report(CommandLine command, Throwable e, PrintWriter err, boolean verbose) {
        String name = command == null ? "docpipe" : command.getCommandSpec().qualifiedName();
        if (e instanceof ParameterException p) {
            return usageError(p.getCommandLine(), p.getMessage());
        }
        int code;
        String message;
        if (e instanceof CliException c) {
            code = c.exitCode();
            message = c.getMessage();
        } else if (e instanceof DeadLetterException d) {
            code = d.problem() == DeadLetterException.Problem.SEND_FAILED ? ExitCodes.FAILURE : ExitCodes.USAGE;
            message = d.getMessage();
        } else if (e instanceof HistoryReadException) {
            code = ExitCodes.FAILURE;
            message = "Kafka: " + describe(e);
        } else if (e instanceof KafkaException || e instanceof org.apache.kafka.common.errors.TimeoutException) {
            code = ExitCodes.USAGE;
            message = "Kafka: " + describe(e);
        } else if (e instanceof DataAccessException || e instanceof SQLException) {
            code = ExitCodes.USAGE;
            message = "PostgreSQL: " + describe(e);
        } else if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            code = ExitCodes.FAILURE;
            message = "interrupted";
        } else {
            code = ExitCodes.FAILURE;
            message = "unexpected error: " + describe(e) + (verbose ? "" : " (run with --verbose for details)");
        }
        err.println(name + ": " + oneLine(message));
        if (verbose) {
            e.printStackTrace(err);
        }
        err.flush();
        return code;
    }

    /** A usage error: the message, then where to find the usage. Exit code 2. */
    public static int usageError(CommandLine command, String message) {
        PrintWriter err = command.getErr();
        String name = command.getCommandSpec().qualifiedName();
        err.println(name + ": " + oneLine(message));
        err.println("Run '" + name + " --help' for usage.");
        err.flush();
        return ExitCodes.USAGE;
    }

    /** The message of {@code e}, with its root cause when that says more. */
    public static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String top = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (root == e || root.getMessage() == null || top.contains(root.getMessage())) {
            return e.getMessage() == null ? e.getClass().getName() : top;
        }
        return top + " (" + root.getMessage() + ")";
    }

    static String oneLine(String message) {
        if (message == null) {
            return "failed";
        }
        String flat = message.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
        return flat.length() <= 500 ? flat : flat.substring(0, 500) + "…";
    }
}
