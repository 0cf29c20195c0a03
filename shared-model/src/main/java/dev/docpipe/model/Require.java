package dev.docpipe.model;

import java.util.Objects;

/** Argument checks for record constructors: a record that breaks them is a schema violation. */
public final class Require {
    private Require() {}

    public static <T> T present(T value, String name) {
        return Objects.requireNonNull(value, () -> name + " is required");
    }

    public static String text(String value, String name) {
        if (present(value, name).isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return value;
    }

    public static int positive(int value, String name) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be >= 1, was " + value);
        }
        return value;
    }

    public static long notNegative(long value, String name) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must be >= 0, was " + value);
        }
        return value;
    }
}
