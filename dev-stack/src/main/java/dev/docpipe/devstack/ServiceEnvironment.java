package dev.docpipe.devstack;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The environment each service's jar is started with: nothing else configures it. The names are the
 * ones the services' application.yml files read (checked by ServiceEnvironmentTest), and the same
 * ones docker-compose.yml sets.
 */
public final class ServiceEnvironment {
    /** Stable, so a restarted worker fences its predecessor's open transaction at once. */
    static final String WORKER_INSTANCE_ID = "dev-stack-workers";

    private ServiceEnvironment() {}

    public static Map<String, String> pipeline(Infra infra, Path stateDir) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("DOCPIPE_KAFKA_BOOTSTRAP", infra.bootstrapServers());
        env.putAll(infra.kafkaSecurityVariables());
        env.put("DOCPIPE_PIPELINE_STATE_DIR", stateDir.toString());
        return env;
    }

    /**
     * One of several pipeline instances: its own state directory, a stable instance id (static
     * membership) and its own actuator port.
     */
    public static Map<String, String> pipeline(Infra infra, Path stateDir, String instanceId, int managementPort) {
        Map<String, String> env = pipeline(infra, stateDir);
        env.put("DOCPIPE_PIPELINE_INSTANCE_ID", instanceId);
        env.put("DOCPIPE_PIPELINE_PORT", Integer.toString(managementPort));
        return env;
    }

    /**
     * With the dev profile: POST /api/v1/dev/accounts, and a fixed JWT key so tokens survive restarts.
     *
     * @param kek the key-encryption key (DOCPIPE_KEK) the API seals personal fields under
     */
    public static Map<String, String> api(Infra infra, Path blobDir, int port, String kek) {
        return api(infra, BlobLocation.directory(blobDir), port, kek);
    }

    public static Map<String, String> api(Infra infra, BlobLocation blobs, int port, String kek) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("DOCPIPE_KAFKA_BOOTSTRAP", infra.bootstrapServers());
        env.putAll(infra.kafkaSecurityVariables());
        env.put("DOCPIPE_DB_URL", infra.jdbcUrl());
        env.put("DOCPIPE_DB_USER", infra.dbUser());
        env.put("DOCPIPE_DB_PASSWORD", infra.dbPassword());
        env.putAll(blobs.environment());
        env.put("PORT", Integer.toString(port));
        env.put("SPRING_PROFILES_ACTIVE", "dev");
        env.put("DOCPIPE_KEK", kek);
        return env;
    }

    /** @param managementPort the workers' actuator port (health probes, /actuator/prometheus) */
    public static Map<String, String> workers(Infra infra, Path blobDir, int managementPort) {
        return workers(infra, BlobLocation.directory(blobDir), managementPort, WORKER_INSTANCE_ID);
    }

    /** @param instanceId stable per worker process, unique among the running ones (transactional ids) */
    public static Map<String, String> workers(Infra infra, BlobLocation blobs, int managementPort, String instanceId) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("DOCPIPE_KAFKA_BOOTSTRAP", infra.bootstrapServers());
        env.putAll(infra.kafkaSecurityVariables());
        env.putAll(blobs.environment());
        env.put("DOCPIPE_WORKER_INSTANCE_ID", instanceId);
        env.put("DOCPIPE_WORKER_MANAGEMENT_PORT", Integer.toString(managementPort));
        return env;
    }
}
