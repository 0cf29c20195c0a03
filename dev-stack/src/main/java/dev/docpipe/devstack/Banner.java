package dev.docpipe.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What the dev stack prints once it is ready, and the same values as a shell file
 * ({@code <data-dir>/dev-stack.env}) that the printed commands, the smoke test and other terminals
 * can {@code source}. The file is deleted at start and written last, so its presence means "ready".
 */
final class Banner {
    private final DataDir data;
    private final Infra infra;
    private final int pgPort;
    private final BlobLocation blobs;

    Banner(DataDir data, Infra infra, int pgPort, BlobLocation blobs) {
        this.data = data;
        this.infra = infra;
        this.pgPort = pgPort;
        this.blobs = blobs;
    }

    static void forgetPreviousRun(DataDir data) {
        try {
            Files.deleteIfExists(data.envFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Infra only: where things are and how to start each service's jar against them. */
    String infraOnly(ServiceJars jars, int apiPort) {
        Map<String, String> env = infraEnv();
        writeEnvFile(env);
        StringBuilder b = header("Kafka (with docpipe's topics) and PostgreSQL are ready (--infra-only)");
        b.append("\nRun the services as separate processes (each from its own jar, configured only by these variables):\n\n");
        b.append("  source ").append(data.envFile()).append("\n");
        String java = ServiceProcess.javaBinary(); // a JDK >= 21; the PATH's java may be older
        b.append("  ").append(java).append(" -jar ").append(jarOrHint(jars, Service.PIPELINE)).append("\n");
        b.append("  SPRING_PROFILES_ACTIVE=dev PORT=").append(apiPort).append(' ').append(java).append(" -jar ")
                .append(jarOrHint(jars, Service.API)).append("\n");
        b.append("  DOCPIPE_WORKER_MANAGEMENT_PORT=").append(DevStack.WORKERS_MANAGEMENT_PORT).append(' ').append(java)
                .append(" -jar ").append(jarOrHint(jars, Service.WORKERS)).append("\n");
        return b.append(footer()).toString();
    }

    String pipelineOnly() {
        writeEnvFile(infraEnv());
        StringBuilder b = header("Kafka, PostgreSQL, the topics and the pipeline are ready (--pipeline-only)");
        b.append("\n  Write commands to docpipe.commands (e.g. with kcat); no api-service, no workers.\n");
        return b.append(footer()).toString();
    }

    /** @param workersBase the workers' actuator base URL; null when started without workers */
    String ready(String apiBase, DevAccount account, Path samplePdf, String workersBase) {
        boolean workers = workersBase != null;
        Map<String, String> env = infraEnv();
        env.put("API", apiBase + "/api/v1");
        env.put("TOKEN", account.token());
        env.put("CHILD", account.childId());
        env.put("SAMPLE_PDF", samplePdf.toString());
        if (workers) {
            env.put("WORKERS_ACTUATOR", workersBase + "/actuator");
        }
        writeEnvFile(env);
        StringBuilder b = header("docpipe is ready" + (workers ? "" : " (--no-workers: jobs wait until a start with workers)"));
        b.append("  API          ").append(apiBase).append("/api/v1   (Swagger UI: ").append(apiBase).append("/swagger-ui.html)\n");
        b.append("  API health   ").append(apiBase).append("/actuator/health\n");
        if (workers) {
            b.append("  Workers      ").append(workersBase).append("/actuator/health/readiness   (metrics: ")
                    .append(workersBase).append("/actuator/prometheus)\n");
        }
        b.append("\nDev account (kept in ").append(data.devAccount().getFileName()).append("; --reset starts over):\n\n");
        b.append("  export API=").append(env.get("API")).append("\n");
        b.append("  export TOKEN=").append(account.token()).append("\n");
        b.append("  export CHILD=").append(account.childId()).append("\n");
        b.append("  export SAMPLE_PDF=").append(samplePdf).append("\n");
        b.append("\nWalk-through (bash; or first `source ").append(data.envFile()).append("`):\n\n");
        b.append(walkThrough());
        return b.append(footer()).toString();
    }

    static String walkThrough() {
        String auth = "-H \"Authorization: Bearer $TOKEN\"";
        String doc = "\"$API/children/$CHILD/documents/$DOC";
        return """
                  # 1. upload: 202, the answer names the documentId
                  DOC=$(curl -s %1$s -F "file=@$SAMPLE_PDF" "$API/children/$CHILD/documents" | sed -E 's/.*"documentId":"([^"]+)".*/\\1/'); echo "$DOC"
                  # 2. the quick scan runs; wait for SCANNED
                  until curl -s %1$s %2$s" | grep -q '"state":"SCANNED"'; do sleep 1; done; curl -s %1$s %2$s"; echo
                  # 3. confirm the scan: 202 = one OCR job queued; calling it again answers 200 and queues nothing
                  curl -s -i -X POST %1$s %2$s/confirm-scan"; echo
                  # 4. wait for EXTRACTED, then read the text
                  until curl -s %1$s %2$s" | grep -q '"state":"EXTRACTED"'; do sleep 1; done
                  curl -s %1$s %2$s/text"; echo
                  # 5. review, then validate: each names the reviewVersion of the document view last read
                  RV=$(curl -s %1$s %2$s" | sed -E 's/.*"reviewVersion":([0-9]+).*/\\1/')
                  curl -s -X PATCH %1$s -H 'Content-Type: application/json' -d "{\\"expectedReviewVersion\\":$RV,\\"patch\\":{\\"title\\":\\"Report card\\",\\"tags\\":[\\"school\\"]}}" %2$s/review"; echo
                  RV=$(curl -s %1$s %2$s" | sed -E 's/.*"reviewVersion":([0-9]+).*/\\1/')
                  curl -s -X POST %1$s -H 'Content-Type: application/json' -d "{\\"expectedReviewVersion\\":$RV}" %2$s/validate"; echo
                """.formatted(auth, doc);
    }

    private Map<String, String> infraEnv() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("DOCPIPE_KAFKA_BOOTSTRAP", infra.bootstrapServers());
        env.putAll(infra.kafkaSecurityVariables());
        env.put("DOCPIPE_DB_URL", infra.jdbcUrl());
        env.put("DOCPIPE_DB_USER", infra.dbUser());
        env.put("DOCPIPE_DB_PASSWORD", infra.dbPassword());
        env.putAll(blobs.environment());
        env.put("DOCPIPE_PIPELINE_STATE_DIR", data.streams().toString());
        // the API's, and replay-cli's for rebuild-projection
        env.put("DOCPIPE_KEK", data.keyEncryptionKey());
        return env;
    }

    private StringBuilder header(String title) {
        StringBuilder b = new StringBuilder("\n").append("=".repeat(100)).append("\n");
        b.append(title).append("   (data: ").append(data.root()).append(")\n\n");
        b.append("  Kafka        ").append(infra.bootstrapServers())
                .append("   kcat -b ").append(infra.bootstrapServers()).append(" -L\n");
        b.append("  PostgreSQL   ").append(infra.jdbcUrl())
                .append("   psql postgresql://").append(infra.dbUser()).append(':').append(infra.dbPassword())
                .append("@127.0.0.1:").append(pgPort).append("/docpipe\n");
        if (blobs instanceof BlobLocation.S3Bucket bucket) {
            b.append("  S3           ").append(bucket.endpoint()).append("   bucket ").append(bucket.bucket())
                    .append(", access key ").append(bucket.accessKey()).append(" (objects in ").append(data.s3())
                    .append(")\n");
        }
        b.append("  Logs         ").append(data.logs()).append("\n");
        return b;
    }

    private String footer() {
        return "\nCtrl-C stops everything; the data stays in " + data.root() + " for the next start.\n"
                + "=".repeat(100) + "\n";
    }

    private static String jarOrHint(ServiceJars jars, Service service) {
        return jars.find(service).map(Path::toString).orElse(service.module() + "/target/<" + service.module()
                + " jar, build it first>");
    }

    private void writeEnvFile(Map<String, String> env) {
        String body = env.entrySet().stream()
                .map(e -> "export " + e.getKey() + "='" + e.getValue().replace("'", "'\\''") + "'")
                .collect(Collectors.joining("\n", "# written by the docpipe dev stack at " + Instant.now()
                        + " when it was ready; deleted when it stops\n", "\n"));
        try {
            Path tmp = data.envFile().resolveSibling(data.envFile().getFileName() + ".tmp");
            Files.writeString(tmp, body);
            Files.move(tmp, data.envFile(), java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
