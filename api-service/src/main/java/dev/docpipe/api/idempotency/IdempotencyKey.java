package dev.docpipe.api.idempotency;

import dev.docpipe.api.problems.ApiProblem;
import java.util.regex.Pattern;

/** The {@code Idempotency-Key} header: 1-255 visible ASCII characters, or absent. */
public final class IdempotencyKey {
    public static final String HEADER = "Idempotency-Key";
    private static final Pattern VALID = Pattern.compile("[\\x21-\\x7E]{1,255}");

    private IdempotencyKey() {}

    /** Refuses a malformed key (400) before anything else happens; an absent key (null) passes. */
    public static void check(String key) {
        if (key != null && !VALID.matcher(key).matches()) {
            throw ApiProblem.badRequest("INVALID_IDEMPOTENCY_KEY",
                    "Idempotency-Key must be 1-255 visible ASCII characters");
        }
    }
}
