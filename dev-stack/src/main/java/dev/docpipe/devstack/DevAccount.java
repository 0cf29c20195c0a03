package dev.docpipe.devstack;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The dev account the printed curl commands use. It is created once through the dev profile's
 * {@code POST /api/v1/dev/accounts} and kept in the data directory, so after a restart the same
 * token still sees the documents uploaded before (the dev profile signs tokens with a fixed key).
 */
public record DevAccount(String token, String accountId, String childId) {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** The stored account if the API still accepts it, else a new one (stored for next time). */
    static DevAccount obtain(String apiBase, Path store) {
        Optional<DevAccount> stored = load(store).filter(a -> a.stillValid(apiBase));
        if (stored.isPresent()) {
            return stored.get();
        }
        DevAccount created = create(apiBase);
        created.save(store);
        return created;
    }

    public static DevAccount create(String apiBase) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(apiBase + "/api/v1/dev/accounts"))
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.noBody()).build();
        HttpResponse<String> response = send(request);
        if (response.statusCode() != 201) {
            throw new IllegalStateException("POST /api/v1/dev/accounts answered " + response.statusCode()
                    + " (is the dev profile active?): " + response.body());
        }
        JsonNode json = JsonMapper.builder().build().readTree(response.body());
        return new DevAccount(json.path("token").asString(), json.path("accountId").asString(),
                json.path("childId").asString());
    }

    private boolean stillValid(String apiBase) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(apiBase + "/api/v1/children/" + childId + "/documents"))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(30)).GET().build();
        return send(request).statusCode() == 200;
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Optional<DevAccount> load(Path store) {
        if (!Files.exists(store)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(store)) {
            p.load(r);
        } catch (IOException e) {
            return Optional.empty();
        }
        String token = p.getProperty("token");
        String childId = p.getProperty("childId");
        return token == null || childId == null ? Optional.empty()
                : Optional.of(new DevAccount(token, p.getProperty("accountId", ""), childId));
    }

    private void save(Path store) {
        Properties p = new Properties();
        p.setProperty("token", token);
        p.setProperty("accountId", accountId);
        p.setProperty("childId", childId);
        try (Writer w = Files.newBufferedWriter(store)) {
            p.store(w, "dev account of this data directory (dev profile only)");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
