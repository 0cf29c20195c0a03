package dev.docpipe.api.auth;

import dev.docpipe.model.Ids;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** The authenticated account making a request (the bearer token's subject). */
public record Caller(UUID accountId) {
    public String actor() {
        return accountId.toString();
    }

    /**
     * The account of a token's {@code sub}. A subject that is a UUID (dev tokens; providers such as
     * Keycloak) is the account id itself. Other providers' subjects are opaque strings (numeric ids,
     * {@code auth0|...}): their account id is derived from the subject, the same for every token and
     * every instance, so the first request of a new user needs no sign-up step and no lookup.
     */
    public static Caller ofSubject(String subject) {
        if (subject == null || subject.isBlank()) {
            throw new IllegalArgumentException("no subject");
        }
        try {
            return new Caller(Ids.parse(subject));
        } catch (IllegalArgumentException notAUuid) {
            return new Caller(UUID.nameUUIDFromBytes(("subject/" + subject).getBytes(StandardCharsets.UTF_8)));
        }
    }
}
