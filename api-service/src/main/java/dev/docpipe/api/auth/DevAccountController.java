package dev.docpipe.api.auth;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.UUID;
import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Dev stack only: an account with one child and a token for it, no sign-up flow. */
@RestController
@Profile("dev")
@Tag(name = "dev")
public class DevAccountController {
    private final Accounts accounts;
    private final TokenIssuer tokens;

    public DevAccountController(Accounts accounts, TokenIssuer tokens) {
        this.accounts = accounts;
        this.tokens = tokens;
    }

    public record DevAccount(String token, UUID accountId, UUID childId) {}

    @PostMapping("/api/v1/dev/accounts")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create an account with one child (dev profile only)")
    public DevAccount create() {
        UUID accountId = UUID.randomUUID();
        UUID childId = UUID.randomUUID();
        accounts.createAccountWithChild(accountId, childId, "child");
        return new DevAccount(tokens.issue(accountId), accountId, childId);
    }
}
