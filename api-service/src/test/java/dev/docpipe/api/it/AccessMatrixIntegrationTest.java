package dev.docpipe.api.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.docpipe.api.support.ApiIntegrationTest;
import dev.docpipe.api.support.HttpApi;
import dev.docpipe.model.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every endpoint × every kind of bad credential, against real documents of account A (one extracted and
 * reviewed, so /text and the command endpoint have something to leak): 401 for missing, expired, forged,
 * malformed and unsigned tokens; 404 for valid tokens of anyone else ("unknown or not the caller's"),
 * and each refusal indistinguishable from the one for an id that does not exist.
 *
 * <p>A leak is any of: one of A's ids, texts, titles or file names anywhere in the body except the
 * {@code instance} member (which must be exactly the path the caller sent); an ETag or Location header;
 * a body that differs from the refusal of the same request for a random id.
 */
class AccessMatrixIntegrationTest extends ApiIntegrationTest {
    private static final String SECRET_TEXT = "Zeugnis Halbjahr Mathematik sehr gut";
    private static final String SECRET_TITLE = "Private title of A";

    /** One endpoint of the design, sent for given ids with given extra headers. */
    record Endpoint(String name, boolean childScoped, Call call) {}

    @FunctionalInterface
    interface Call {
        HttpApi.Response send(HttpApi api, UUID child, UUID document, UUID command, String... headers);
    }

    /** A kind of credential: the Authorization headers to try (null = none), whose paths, what to expect. */
    record Column(String name, List<String> authorizations, Scope scope, int expected, Set<String> codes) {}

    enum Scope {
        /** A's child, A's document, A's command. */
        A_PATHS,
        /** the caller's own child with A's document (document-scoped endpoints only), A's command */
        OWN_CHILD
    }

    private static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint("POST   /children/{c}/documents", true, (a, c, d, k, h) ->
                    a.upload("/api/v1/children/" + c + "/documents", "file", "scan.pdf", "application/pdf", pdf(), h)),
            new Endpoint("GET    /children/{c}/documents", true, (a, c, d, k, h) ->
                    a.get("/api/v1/children/" + c + "/documents", h)),
            new Endpoint("GET    …/documents/{d}", false, (a, c, d, k, h) -> a.get(doc(c, d), h)),
            new Endpoint("GET    …/documents/{d}/text", false, (a, c, d, k, h) -> a.get(doc(c, d) + "/text", h)),
            new Endpoint("POST   …/documents/{d}/confirm-scan", false, (a, c, d, k, h) ->
                    a.post(doc(c, d) + "/confirm-scan", null, h)),
            new Endpoint("POST   …/documents/{d}/rescan", false, (a, c, d, k, h) ->
                    a.post(doc(c, d) + "/rescan", "{\"supersedesAttempt\":1}", h)),
            new Endpoint("POST   …/documents/{d}/retry-ocr", false, (a, c, d, k, h) ->
                    a.post(doc(c, d) + "/retry-ocr", "{\"failedAttempt\":1}", h)),
            new Endpoint("PATCH  …/documents/{d}/review", false, (a, c, d, k, h) -> a.patch(doc(c, d) + "/review",
                    "{\"expectedReviewVersion\":1,\"patch\":{\"title\":\"stolen\"}}", h)),
            new Endpoint("POST   …/documents/{d}/validate", false, (a, c, d, k, h) ->
                    a.post(doc(c, d) + "/validate", "{\"expectedReviewVersion\":1}", h)),
            new Endpoint("DELETE …/documents/{d}", false, (a, c, d, k, h) -> a.delete(doc(c, d), h)),
            new Endpoint("DELETE /children/{c}", true, (a, c, d, k, h) -> a.delete("/api/v1/children/" + c, h)),
            new Endpoint("GET    /commands/{id}", false, (a, c, d, k, h) -> a.get("/api/v1/commands/" + k, h)));

    private static String doc(UUID child, UUID document) {
        return "/api/v1/children/" + child + "/documents/" + document;
    }

    @Test
    void everyEndpointRefusesEveryBadCredentialAndLeaksNothing() {
        long start = System.nanoTime();
        // account A: an extracted, reviewed document (text, title, a command) and a second one, scanned
        UUID extracted = extractedDocument(SECRET_TEXT);
        HttpApi.Response edit = api.patch(docPath(extracted) + "/review",
                "{\"expectedReviewVersion\":0,\"patch\":{\"title\":\"" + SECRET_TITLE + "\"}}");
        assertThat(edit.status()).as(edit.toString()).isEqualTo(200);
        UUID command = UUID.fromString(edit.json().path("commandId").asString());
        // scanned: no job lease is open, so nothing but a request could change it during a long run (an OIDC
        // run can outlast a scan lease, whose re-issue would move the version)
        UUID fresh = scannedDocument();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(api.get(docPath(extracted)).json()
                .path("review").path("title").asString("")).isEqualTo(SECRET_TITLE));
        assertThat(api.get(docPath(extracted) + "/text").body()).isEqualTo(SECRET_TEXT);
        assertThat(api.get("/api/v1/commands/" + command).status()).isEqualTo(200);
        Map<UUID, Long> versions = Map.of(extracted, version(extracted), fresh, version(fresh));

        Family stranger = newFamily();
        String a = tokens.issue(accountId);
        Instant now = Instant.now();
        String base = "http://127.0.0.1:" + port;
        String[] parts = a.split("\\.");
        List<Column> tokenColumns = List.of(
                new Column("no token", java.util.Arrays.asList((String) null), Scope.A_PATHS, 401,
                        Set.of("UNAUTHENTICATED")),
                new Column("expired", List.of("Bearer " + tokens.issue(accountId, now.minus(Duration.ofHours(2)),
                        now.minus(Duration.ofHours(1)))), Scope.A_PATHS, 401, Set.of("INVALID_TOKEN")),
                new Column("wrong signature", List.of(
                        "Bearer " + tokens.forged(accountId),
                        "Bearer " + parts[0] + "." + parts[1] + "." + tokens.forged(accountId).split("\\.")[2]),
                        Scope.A_PATHS, 401, Set.of("INVALID_TOKEN")),
                new Column("malformed", List.of("Bearer not-a-jwt", "Bearer a.b.c", "Bearer " + a.substring(0, 30),
                        "Bearer " + a + "x", "Bearer " + parts[0] + "." + parts[1], "Bearer " + "A".repeat(4_000),
                        "Bearer " + parts[1] + "." + parts[0] + "." + parts[2], "Bearer ", "Bearer  " + a,
                        "Basic " + Base64.getEncoder().encodeToString(("a:" + a).getBytes(StandardCharsets.UTF_8)),
                        "Token " + a), Scope.A_PATHS, 401, Set.of("INVALID_TOKEN", "UNAUTHENTICATED")),
                new Column("alg none", List.of("Bearer " + tokens.unsigned(accountId)), Scope.A_PATHS, 401,
                        Set.of("INVALID_TOKEN")),
                new Column("other account", List.of("Bearer " + stranger.token()), Scope.A_PATHS, 404,
                        Set.of("CHILD_NOT_FOUND", "COMMAND_NOT_FOUND")),
                new Column("other acct, own child", List.of("Bearer " + stranger.token()), Scope.OWN_CHILD, 404,
                        Set.of("DOCUMENT_NOT_FOUND", "COMMAND_NOT_FOUND")),
                new Column("account w/o children", List.of("Bearer " + tokens.issue(UUID.randomUUID())),
                        Scope.A_PATHS, 404, Set.of("CHILD_NOT_FOUND", "COMMAND_NOT_FOUND")));
        List<Column> columns = java.util.stream.Stream.concat(tokenColumns.stream(), moreColumns(stranger).stream())
                .toList();

        List<String> secrets = List.of(accountId.toString(), childId.toString(), extracted.toString(),
                fresh.toString(), command.toString(), SECRET_TEXT, "Zeugnis", SECRET_TITLE, "scan.pdf", "EXTRACTED",
                "SCANNED", "sha256", "tesseract");
        var commandsBefore = endOffsets(Topics.COMMANDS);

        List<String> deviations = new ArrayList<>();
        List<String> leaks = new ArrayList<>();
        Map<String, Map<String, String>> matrix = new LinkedHashMap<>();
        int requests = 0;
        for (Endpoint endpoint : ENDPOINTS) {
            Map<String, String> row = new LinkedHashMap<>();
            for (Column column : columns) {
                if (column.scope() == Scope.OWN_CHILD && endpoint.childScoped()) {
                    row.put(column.name(), "—"); // the stranger's own child: their upload and list, not A's data
                    continue;
                }
                UUID child = column.scope() == Scope.OWN_CHILD ? stranger.childId() : childId;
                StringBuilder cell = new StringBuilder();
                java.util.TreeSet<Integer> seen = new java.util.TreeSet<>();
                for (UUID document : List.of(extracted, fresh)) {
                    if (!endpoint.name().contains("{d}") && document.equals(fresh)) {
                        continue; // child- and command-scoped endpoints: once is enough
                    }
                    for (String authorization : column.authorizations()) {
                        String[] headers = authorization == null ? new String[0]
                                : new String[] {"Authorization", authorization};
                        HttpApi.Response r = endpoint.call().send(new HttpApi(base, null), child, document, command,
                                headers);
                        requests++;
                        seen.add(r.status());
                        String where = endpoint.name() + " × " + column.name() + " [" + abbreviate(authorization)
                                + "] doc " + (document.equals(extracted) ? "extracted" : "fresh");
                        String code = r.contentType().startsWith("application/problem+json") ? r.code() : "(none)";
                        if (r.status() != column.expected() || !column.codes().contains(code)) {
                            deviations.add(where + ": expected " + column.expected() + " " + column.codes() + ", got "
                                    + r.status() + " " + code + " " + r.body());
                        }
                        String path = requestPath(endpoint, child, document, command);
                        leaks.addAll(leaksIn(where, r, path, secrets));
                        // the refusal must be the same as for ids that do not exist
                        UUID randomChild = endpoint.childScoped() && column.scope() == Scope.A_PATHS
                                ? UUID.randomUUID() : child;
                        HttpApi.Response control = endpoint.call().send(new HttpApi(base, null), randomChild,
                                UUID.randomUUID(), UUID.randomUUID(), headers);
                        requests++;
                        if (control.status() != r.status() || !withoutInstance(control).equals(withoutInstance(r))) {
                            leaks.add(where + ": distinguishable from a random id: " + r + " vs " + control);
                        }
                    }
                }
                for (Integer status : seen) {
                    cell.append(cell.isEmpty() ? "" : "/").append(status);
                }
                row.put(column.name(), cell.toString());
            }
            matrix.put(endpoint.name(), row);
        }
        double seconds = (System.nanoTime() - start) / 1e9;

        StringBuilder out = new StringBuilder("\n=== AccessMatrixIntegrationTest (expected: 401 ×5 columns, 404 ×3) ===\n");
        out.append("| endpoint |");
        columns.forEach(c -> out.append(' ').append(c.name()).append(c.authorizations().size() > 1
                ? " (" + c.authorizations().size() + " variants)" : "").append(" |"));
        out.append("\n|---|").append("---|".repeat(columns.size())).append('\n');
        matrix.forEach((endpoint, row) -> {
            out.append("| ").append(endpoint).append(" |");
            row.values().forEach(cell -> out.append(' ').append(cell).append(" |"));
            out.append('\n');
        });
        out.append(String.format("requests %d (each with a random-id control) | deviations %d | leaks %d | %.1f s%n",
                requests, deviations.size(), leaks.size(), seconds));
        deviations.stream().limit(20).forEach(d -> out.append("DEVIATION ").append(d).append('\n'));
        leaks.stream().limit(20).forEach(l -> out.append("LEAK ").append(l).append('\n'));
        System.out.println(out);

        assertThat(deviations).as("deviations").isEmpty();
        assertThat(leaks).as("leaks").isEmpty();
        assertThat(endOffsets(Topics.COMMANDS)).as("nothing produced").isEqualTo(commandsBefore);
        versions.forEach((document, version) -> assertThat(version(document)).isEqualTo(version));
        assertThat(api.get(docPath(extracted) + "/text").body()).isEqualTo(SECRET_TEXT);
        assertThat(api.get(docPath(extracted)).json().path("review").path("title").asString())
                .isEqualTo(SECRET_TITLE);
        // the stranger uploaded nothing into A's child
        assertThat(api.get("/api/v1/children/" + childId + "/documents?size=100").json().path("items").size())
                .isEqualTo(2);
    }

    private long version(UUID document) {
        return api.get(docPath(document)).json().path("version").asLong();
    }

    private static String requestPath(Endpoint endpoint, UUID child, UUID document, UUID command) {
        return switch (endpoint.name().trim().split("\\s+")[1]) {
            case "/children/{c}/documents" -> "/api/v1/children/" + child + "/documents";
            case "/commands/{id}" -> "/api/v1/commands/" + command;
            case "/children/{c}" -> "/api/v1/children/" + child;
            default -> {
                String suffix = endpoint.name().substring(endpoint.name().indexOf("{d}") + 3);
                yield doc(child, document) + suffix;
            }
        };
    }

    /** Everything in the answer that could tell the caller about A's data. */
    private static List<String> leaksIn(String where, HttpApi.Response r, String path, List<String> secrets) {
        List<String> found = new ArrayList<>();
        for (String header : List.of("ETag", "Location", "Content-Location", "Last-Modified", "Set-Cookie")) {
            r.header(header).ifPresent(v -> found.add(where + ": header " + header + ": " + v));
        }
        if (!r.contentType().startsWith("application/problem+json")) {
            found.add(where + ": not a problem: " + r.contentType() + " " + r.body());
            return found;
        }
        JsonNode body = r.json();
        if (body.has("instance") && !body.path("instance").asString().equals(path)) {
            found.add(where + ": instance is not the request path: " + body.path("instance"));
        }
        String rest = withoutInstance(r);
        for (String secret : secrets) {
            if (rest.contains(secret)) {
                found.add(where + ": body names '" + secret + "': " + rest);
            }
        }
        return found;
    }

    private static String withoutInstance(HttpApi.Response r) {
        if (!r.contentType().startsWith("application/problem+json")) {
            return r.body();
        }
        JsonNode body = r.json();
        if (body instanceof ObjectNode object) {
            object.remove("instance");
        }
        return body.toString();
    }

    private static String abbreviate(String authorization) {
        if (authorization == null) {
            return "none";
        }
        return authorization.length() > 24 ? authorization.substring(0, 24) + "…" : authorization;
    }

    /** Columns only one kind of token has (an OIDC provider's: issuer, audience, algorithm confusion). */
    protected List<Column> moreColumns(Family stranger) {
        return List.of();
    }
}
