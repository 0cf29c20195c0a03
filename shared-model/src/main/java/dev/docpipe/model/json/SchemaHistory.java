package dev.docpipe.model.json;

import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * The versions one record kind has had: the {@code schemaVersion} it is written with today and, for every
 * older version, the {@link Upcaster} that takes it one version further. Versions are per record kind
 * (events may be at 2 while jobs are at 1): a kind's version moves only when its own shape breaks.
 */
final class SchemaHistory {
    private final List<Upcaster> steps;

    private SchemaHistory(List<Upcaster> steps) {
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).fromVersion() != i + 1) {
                throw new IllegalArgumentException("step " + (i + 1) + " upcasts from version "
                        + steps.get(i).fromVersion() + ": the steps must go 1 → 2 → … without a gap");
            }
        }
        this.steps = List.copyOf(steps);
    }

    /** A kind still at its first version. */
    static SchemaHistory initial() {
        return new SchemaHistory(List.of());
    }

    /** A kind whose version is one more than its number of steps, the first step upcasting version 1. */
    static SchemaHistory of(Upcaster... steps) {
        return new SchemaHistory(List.of(steps));
    }

    int currentVersion() {
        return steps.size() + 1;
    }

    /** Whether a record of {@code version} can be read: every version from 1 to the current one. */
    boolean reads(int version) {
        return version >= 1 && version <= currentVersion();
    }

    /** Brings a record of {@code version} (one this history {@link #reads}) to the current version, in place. */
    void upcast(int version, ObjectNode record) {
        for (int v = version; v < currentVersion(); v++) {
            steps.get(v - 1).upcast(record);
        }
    }
}
