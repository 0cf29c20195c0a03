package dev.docpipe.bench.infra;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Documents a benchmark measures, made through the real API (not measured): uploaded, scanned, maybe confirmed. */
public final class ApiDocuments {
    private ApiDocuments() {}

    /**
     * Uploads {@code count} documents for the account's child, answers their scan jobs as a scan worker would,
     * waits until each is SCANNED and, if {@code confirmOnce}, confirms each once (a 202). Returns their paths,
     * {@code /api/v1/children/{childId}/documents/{documentId}}.
     */
    public static List<String> scanned(ApiProcess api, ApiProcess.Account account, String bootstrap, int count,
            boolean confirmOnce) throws Exception {
        List<String> paths = new ArrayList<>();
        Set<String> ids = ConcurrentHashMap.newKeySet();
        try (ApiSetup setup = new ApiSetup(api.base(), account.token()); ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<String>> uploads = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                uploads.add(pool.submit(() -> setup.upload(account.childId(),
                        ("%PDF-1.7\n% " + UUID.randomUUID() + "\n").getBytes(StandardCharsets.US_ASCII))));
            }
            for (Future<String> f : uploads) {
                String id = f.get();
                ids.add(id);
                paths.add("/api/v1/children/" + account.childId() + "/documents/" + id);
            }
            ScanJobs.succeedAll(bootstrap, ids);
            for (String path : paths) {
                setup.awaitState(path, "SCANNED", Duration.ofSeconds(120));
                if (confirmOnce) {
                    HttpResponse<String> confirm = setup.post(path + "/confirm-scan");
                    if (confirm.statusCode() != 202) {
                        throw new IllegalStateException("first confirm: " + confirm.statusCode() + " " + confirm.body());
                    }
                }
            }
        }
        return paths;
    }

    /** The document id at the end of a path {@link #scanned} returned. */
    public static UUID idOf(String path) {
        return UUID.fromString(path.substring(path.lastIndexOf('/') + 1));
    }
}
