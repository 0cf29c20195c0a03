package dev.docpipe.model;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Deterministic ids. A job or event id is derived from what caused it, so that deciding the same
 * input twice (an aborted transaction retried, a replay in a test) yields the same ids: readers
 * and audits can then match outputs to their cause without extra bookkeeping.
 */
public final class Ids {
    private Ids() {}

    public static UUID derive(UUID parent, String purpose) {
        return UUID.nameUUIDFromBytes((parent + "/" + purpose).getBytes(StandardCharsets.UTF_8));
    }

    /** Parses a UUID strictly: {@link UUID#fromString} accepts non-canonical forms like "1-1-1-1-1". */
    public static UUID parse(String text) {
        UUID id = UUID.fromString(text);
        if (!id.toString().equalsIgnoreCase(text)) {
            throw new IllegalArgumentException("not a canonical UUID: " + text);
        }
        return id;
    }
}
