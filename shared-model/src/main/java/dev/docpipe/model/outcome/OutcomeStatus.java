package dev.docpipe.model.outcome;

/** How a command was decided (docs/design.md, "Commands and their outcomes"). */
public enum OutcomeStatus {
    /** The command changed the document. */
    ACCEPTED,
    /** What the command asks for has already happened; nothing new was done. */
    ALREADY_DONE,
    /** Work for this intent is running; nothing new was done. */
    IN_PROGRESS,
    /** The command is not allowed in the document's state. */
    REJECTED,
    /** The command was based on an outdated review version. */
    STALE,
    /** The same commandId was decided before; that first outcome is repeated. */
    DUPLICATE
}
