package dev.docpipe.api.fuzz;

import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * Draws from the per-request {@link Random}. Every draw shifts all later ones, so the order of calls in
 * the families is part of the corpus: reordering them changes what a given seed sends.
 */
final class Randoms {
    private Randoms() {}

    static <T> T pick(Random r, T[] values) {
        return values[r.nextInt(values.length)];
    }

    static <T> T pick(Random r, List<T> values) {
        return values.get(r.nextInt(values.size()));
    }

    static String uuid(Random r) {
        return new UUID(r.nextLong(), r.nextLong()).toString();
    }
}
