package dev.docpipe.model.json;

import tools.jackson.databind.node.ObjectNode;

/**
 * One step in the history of a record kind: rewrites a record of {@link #fromVersion()} into the shape of
 * the next version, as a JSON tree, before it is bound. Every reader of the log runs the same steps
 * ({@link WireReader}), so a record written years ago reads as today's record everywhere.
 *
 * <p>A step is pure and deterministic (no clock, no lookup): the same old bytes always give the same
 * record. It rewrites only what it recognises and leaves anything else to the binding, which judges it.
 */
interface Upcaster {
    int fromVersion();

    /** @param record the record's fields, {@code type} included and {@code schemaVersion} removed; changed in place */
    void upcast(ObjectNode record);
}
