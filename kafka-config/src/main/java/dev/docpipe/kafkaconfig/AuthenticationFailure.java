package dev.docpipe.kafkaconfig;

import java.util.Optional;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;

/**
 * Tells a refused login or a denied operation apart from an unreachable broker, which Kafka clients
 * otherwise report alike (a timeout after retrying): the broker's answer is somewhere in the causes.
 */
public final class AuthenticationFailure {
    private AuthenticationFailure() {}

    /** A one-line explanation if {@code failure} was caused by the broker refusing these credentials. */
    public static Optional<String> describe(Throwable failure, KafkaSecurity security) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof AuthenticationException) {
                return Optional.of("Kafka refused authentication (" + security + "): " + t.getMessage()
                        + " (check " + KafkaSecurity.SECURITY_PROTOCOL + ", " + KafkaSecurity.SASL_MECHANISM + ", "
                        + KafkaSecurity.SASL_USERNAME + " and " + KafkaSecurity.SASL_PASSWORD + ")");
            }
            if (t instanceof AuthorizationException) {
                return Optional.of("Kafka denied the operation to " + security + ": " + t.getMessage());
            }
        }
        return Optional.empty();
    }
}
