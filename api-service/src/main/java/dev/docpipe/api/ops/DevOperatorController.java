package dev.docpipe.api.ops;

import dev.docpipe.api.auth.TokenIssuer;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Dev stack only: a token for the operator console, carrying the operator role the way an OIDC provider would
 * ({@code docpipe.auth.operator-claim} containing {@code docpipe.auth.operator-role}). Outside the dev profile the
 * endpoint does not exist, and operators get their role from the identity provider.
 */
@RestController
@Profile("dev")
@Tag(name = "dev")
public class DevOperatorController {
    private final TokenIssuer tokens;
    private final OperatorRole role;

    public DevOperatorController(TokenIssuer tokens, OperatorRole role) {
        this.tokens = tokens;
        this.role = role;
    }

    /** @param console the console with the token in the fragment (never sent to a server) */
    public record DevOperator(String token, UUID operatorId, String console) {}

    @PostMapping("/api/v1/dev/operators")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create an operator token for the console at /ops (dev profile only)")
    public DevOperator createOperator() {
        UUID operatorId = UUID.randomUUID();
        String token = tokens.issue(operatorId, Map.of(role.operatorClaim(), role.operatorRole()));
        return new DevOperator(token, operatorId, "/ops#token=" + token);
    }
}
