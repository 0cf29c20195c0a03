package dev.docpipe.api.auth;

import java.util.UUID;

/** The authenticated account making a request (the bearer token's subject). */
public record Caller(UUID accountId) {
    public String actor() {
        return accountId.toString();
    }
}
