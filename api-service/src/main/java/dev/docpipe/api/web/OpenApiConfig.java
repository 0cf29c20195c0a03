package dev.docpipe.api.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document (/v3/api-docs, Swagger UI at /swagger-ui.html). */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfig {
    public static final String IDEMPOTENCY_DOC = """
            Optional. Makes the request safe to retry: the same key from the same account replays the first \
            response (status, headers, body; plus `Idempotent-Replayed: true`), and concurrent requests with one \
            key send one command. While the first request is still waiting for its outcome, a retry gets `202` \
            with `Location: /api/v1/commands/{commandId}`. If the first request failed (`503`), a retry completes \
            it by sending the very same command again (same id, same bytes); if it never answered (its server \
            died), a retry after a few minutes does. \
            The same key with a different request is `422 IDEMPOTENCY_KEY_REUSED`. Keys are remembered for at \
            least 24 hours (docpipe.api.idempotency-retention, default 24h). 1-255 visible ASCII characters.""";

    @Bean
    OpenAPI docpipeOpenApi() {
        return new OpenAPI()
                .info(new Info().title("docpipe API").version("v1").description("""
                        The mobile app's API for scanned school documents. Every request needs a bearer token \
                        (a JWT from the OIDC provider; its `sub` is the account). A caller sees and changes only its own children's documents; \
                        anything else is 404.

                        State-changing requests become commands processed one at a time per document. The API \
                        waits a few seconds (docpipe.api.outcome-wait) for the command's outcome; if it has not \
                        arrived, the answer is `202` with `Location: /api/v1/commands/{commandId}`.

                        Commands name what the client saw in the document view it last read, never what the \
                        document is now: rescan `supersedesAttempt` (`scan.attempt`), retry-ocr `failedAttempt` \
                        (`ocr.attempt`), review and validate `expectedReviewVersion` (`reviewVersion`). Without \
                        it the answer is `428` with code `PRECONDITION_REQUIRED` naming the field. So a command \
                        retried late does nothing new: a rescan of an attempt already superseded, a retry of an \
                        OCR attempt already retried answer `200`; a validate of an older review is `409 STALE_WRITE`.

                        Errors are RFC 9457 `application/problem+json` with a stable `code` property.

                        `Idempotency-Key` header on POST/PATCH: """ + IDEMPOTENCY_DOC))
                .components(new Components().addSecuritySchemes("bearer",
                        new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }
}
