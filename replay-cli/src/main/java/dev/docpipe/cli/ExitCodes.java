package dev.docpipe.cli;

/** The exit codes of every subcommand. */
public final class ExitCodes {
    /** Done; nothing wrong found. */
    public static final int OK = 0;
    /** A violation or a failure was found (audit violations, outcomes that never came, ...). */
    public static final int FAILURE = 1;
    /** Bad arguments, an unknown document, an unreachable broker or database. */
    public static final int USAGE = 2;

    private ExitCodes() {}
}
