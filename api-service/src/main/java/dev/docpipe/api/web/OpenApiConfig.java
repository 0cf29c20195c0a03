package dev.docpipe.api.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.util.List;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document (/v3/api-docs, Swagger UI at /swagger-ui.html), committed as docs/openapi.yaml and
 * checked in the build (OpenApiDocumentIntegrationTest).
 */
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
                .addSecurityItem(new SecurityRequirement().addList("bearer"))
                // relative: the API answers on whatever origin the app reached it by (and the description
                // does not change with the host it is generated on)
                .servers(List.of(new Server().url("/").description("this API's origin")));
    }

    /**
     * Header parameters declared on their own (Prefer, If-None-Match) have no type; OpenAPI requires one.
     * They are all text.
     */
    @Bean
    OpenApiCustomizer everyParameterHasASchema() {
        return api -> {
            if (api.getPaths() == null) {
                return;
            }
            api.getPaths().values().forEach(item -> item.readOperations().forEach(operation -> {
                if (operation.getParameters() != null) {
                    operation.getParameters().stream()
                            .filter(parameter -> parameter.getSchema() == null && parameter.getContent() == null)
                            .forEach(parameter -> parameter.setSchema(new StringSchema()));
                }
            }));
        };
    }

    /**
     * The error path answers problem+json for the servlet container's errors; it is no operation a client
     * calls, so it is not in the contract.
     */
    @Bean
    OpenApiCustomizer withoutErrorPath(@Value("${server.error.path:/error}") String errorPath) {
        return api -> {
            if (api.getPaths() != null) {
                api.getPaths().remove(errorPath);
            }
        };
    }

    /**
     * The answers every operation of the mobile API can give without saying so on its own: 401 without a valid
     * bearer token, and 404 for a child, document or command that does not exist or is not the caller's.
     * Added where an operation does not document them itself, so the contract lists every 4xx a client meets.
     */
    @Bean
    OpenApiCustomizer everyOperationDocumentsItsCommon4xx() {
        return api -> {
            if (api.getPaths() == null) {
                return;
            }
            api.getPaths().forEach((path, item) -> {
                if (!path.startsWith("/api/v1/") || path.startsWith("/api/v1/dev/")) {
                    return;
                }
                boolean namesAResource = path.contains("{childId}") || path.contains("{documentId}")
                        || path.contains("{commandId}");
                for (Operation operation : item.readOperations()) {
                    ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
                    responses.putIfAbsent("401", new ApiResponse().description("UNAUTHENTICATED (no bearer token), INVALID_TOKEN"));
                    if (namesAResource) {
                        responses.putIfAbsent("404", new ApiResponse().description(
                                "CHILD_NOT_FOUND, DOCUMENT_NOT_FOUND, COMMAND_NOT_FOUND: none such, or not the caller's"));
                    }
                    operation.setResponses(responses);
                }
            });
        };
    }
}
