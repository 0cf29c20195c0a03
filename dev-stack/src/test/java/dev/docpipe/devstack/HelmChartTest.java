package dev.docpipe.devstack;

import static dev.docpipe.devstack.RenderedChart.cast;
import static dev.docpipe.devstack.RenderedChart.list;
import static dev.docpipe.devstack.RenderedChart.nameOf;
import static dev.docpipe.devstack.RenderedChart.path;
import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import dev.docpipe.kafkaconfig.KafkaSecurity;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * deploy/helm/docpipe cannot be installed here (no cluster), so, as ComposeFileTest does for
 * docker-compose.yml, it is rendered by real Helm and checked against what it refers to: the
 * services' application.yml files, docker/Dockerfile and itself. Rendered twice: with the chart's
 * defaults and with examples/production.yaml (S3, Kafka over SASL_SSL, a private registry).
 */
class HelmChartTest {
    private static final List<String> SERVICES = List.of("pipeline-streams", "api-service", "workers");
    private static final Pattern STAGE = Pattern.compile("(?m)^FROM\\s+\\S+\\s+AS\\s+(\\S+)\\s*$");
    /** Variables that carry a secret: they must come from a Secret, never from a ConfigMap. */
    private static final Set<String> SECRET_VARIABLES = Set.of("DOCPIPE_DB_PASSWORD", "DOCPIPE_JWT_SECRET",
            "DOCPIPE_BLOB_S3_ACCESS_KEY", "DOCPIPE_BLOB_S3_SECRET_KEY");

    private final RenderedChart defaults = RenderedChart.withDefaults();
    private final RenderedChart production = RenderedChart.withValuesFile("examples/production.yaml");

    @Test
    void helmLintFindsNothing() {
        LintResult lint = new Helm(RenderedChart.CHART).lint().strict().call();
        assertThat(lint.isFailed()).as(String.join("\n", lint.getMessages())).isFalse();
    }

    @Test
    void apiAndWorkersAreDeploymentsThePipelineAStatefulSetWithAVolumePerPod() {
        for (RenderedChart chart : List.of(defaults, production)) {
            assertThat(chart.get("Deployment", nameOf("api-service"))).isNotNull();
            assertThat(chart.get("Deployment", nameOf("workers"))).isNotNull();
            Map<String, Object> pipeline = chart.get("StatefulSet", nameOf("pipeline-streams"));
            assertThat(path(pipeline, "spec", "serviceName")).isEqualTo(nameOf("pipeline-streams") + "-headless");
            assertThat(path(chart.get("Service", nameOf("pipeline-streams") + "-headless"), "spec", "clusterIP"))
                    .isEqualTo("None");
            List<Map<String, Object>> claims = list(path(pipeline, "spec", "volumeClaimTemplates"));
            assertThat(claims).extracting(c -> path(c, "metadata", "name")).containsExactly("streams-state");
            assertThat(path(claims.getFirst(), "spec", "accessModes")).asInstanceOf(InstanceOfAssertFactories.LIST)
                    .containsExactly("ReadWriteOnce");
            assertThat(chart.ofKind("Secret")).as("secrets are referenced, never written by the chart").isEmpty();
        }
        assertThat(path(production.get("StatefulSet", nameOf("pipeline-streams")), "spec", "replicas")).isEqualTo(3);
    }

    @Test
    void everyVariableAServiceIsGivenIsOneItReads() {
        List<String> unread = new ArrayList<>();
        for (RenderedChart chart : List.of(defaults, production)) {
            for (String service : SERVICES) {
                Map<String, String> env = chart.environment(service);
                assertThat(env).as(service).containsKey("DOCPIPE_KAFKA_BOOTSTRAP");
                KafkaClientSettings kafka = KafkaClientSettings.of(service);
                ServiceConfig config = ServiceConfig.of(service);
                env.forEach((name, value) -> {
                    if (config.reads(name, value).isEmpty() && kafka.settingOf(name).isEmpty()) {
                        unread.add(service + ": " + name);
                    }
                });
            }
        }
        assertThat(unread).as("variables set by the chart that the service does not read").isEmpty();
    }

    /**
     * Kafka security reaches every service as the same DOCPIPE_KAFKA_* variables, read by the shared
     * KafkaSecurity: fed the rendered environment as the operating system would pass it, it gives each
     * service's clients the protocol, mechanism, credentials (from the Secret) and truststore. Raw client
     * settings still go through a map (standbys and the session timeout for the pipeline).
     */
    @Test
    void kafkaSecurityIsTheSameSharedSettingsForEveryService() {
        for (String service : SERVICES) {
            Map<String, String> env = production.environment(service);
            assertThat(env).as(service).containsEntry(KafkaSecurity.SASL_USERNAME, "secret:docpipe-kafka/username")
                    .containsEntry(KafkaSecurity.SASL_PASSWORD, "secret:docpipe-kafka/password")
                    .containsEntry(KafkaSecurity.TRUSTSTORE_PASSWORD, "secret:docpipe-kafka-tls/truststore-password");
            Map<String, String> client = KafkaSecurity.fromEnvironment(env::get).clientProperties();
            assertThat(client).as(service).containsEntry("security.protocol", "SASL_SSL")
                    .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                    .containsKeys("sasl.jaas.config", "ssl.truststore.location", "ssl.truststore.type",
                            "ssl.truststore.password");
            assertThat(client.get("sasl.jaas.config")).contains("username=\"secret:docpipe-kafka/username\"");
            assertThat(env.keySet()).as(service + ": no per-service client maps for security")
                    .noneMatch(name -> name.startsWith("SPRING_KAFKA_PROPERTIES_SASL")
                            || name.startsWith("DOCPIPE_PIPELINE_STREAMS_SASL")
                            || name.startsWith("DOCPIPE_PIPELINE_STREAMS_SECURITY"));
            assertThat(KafkaSecurity.fromEnvironment(defaults.environment(service)::get)).as(service + ", defaults")
                    .isEqualTo(KafkaSecurity.plaintext());
        }
        // The pipeline's map is one application.yml defines; Spring Boot's spring.kafka.properties is Boot's own.
        assertThat(ServiceConfig.of("pipeline-streams").reads("DOCPIPE_PIPELINE_STREAMS", "")).isPresent();
        assertThat(bindMap(defaults.environment("pipeline-streams"), "docpipe.pipeline.streams"))
                .containsEntry("num.standby.replicas", "1").containsEntry("session.timeout.ms", "60000");
    }

    @Test
    void secretsComeFromSecretsAndNeverFromTheConfigMaps() {
        Map<String, String> api = production.environment("api-service");
        assertThat(api).containsEntry("DOCPIPE_DB_PASSWORD", "secret:docpipe-db/password")
                .containsEntry("DOCPIPE_BLOB_S3_ACCESS_KEY", "secret:docpipe-s3/access-key")
                .containsEntry("DOCPIPE_BLOB_S3_SECRET_KEY", "secret:docpipe-s3/secret-key");
        assertThat(production.environment("workers"))
                .containsEntry("DOCPIPE_BLOB_S3_ACCESS_KEY", "secret:docpipe-s3/access-key")
                .containsEntry("DOCPIPE_BLOB_S3_SECRET_KEY", "secret:docpipe-s3/secret-key");
        // The HS256 key is for the dev profile's tokens only; production signs in through OIDC.
        assertThat(api).doesNotContainKey("DOCPIPE_JWT_SECRET");
        RenderedChart dev = RenderedChart.render(t -> t.set("api.profiles", "dev").set("api.auth.jwtSecret.name", "dev-auth"));
        assertThat(dev.environment("api-service")).containsEntry("SPRING_PROFILES_ACTIVE", "dev")
                .containsEntry("DOCPIPE_JWT_SECRET", "secret:dev-auth/jwt-secret");
        for (RenderedChart chart : List.of(defaults, production, dev)) {
            for (Map<String, Object> configMap : chart.ofKind("ConfigMap")) {
                Map<String, Object> data = cast(configMap.getOrDefault("data", Map.of()));
                assertThat(data.keySet()).as(String.valueOf(path(configMap, "metadata", "name")))
                        .noneMatch(SECRET_VARIABLES::contains)
                        .noneMatch(name -> name.endsWith("_SASL_JAAS_CONFIG") || name.endsWith("_PASSWORD"));
            }
        }
    }

    @Test
    void theOidcProviderIsGivenToTheApiOnly() {
        RenderedChart oidc = RenderedChart.render(t -> t.withValuesFile(RenderedChart.CHART.resolve("examples/production.yaml"))
                .withValuesFile(RenderedChart.CHART.resolve("examples/oidc.yaml")));
        assertThat(oidc.environment("api-service"))
                .containsEntry("DOCPIPE_AUTH_ISSUER_URI", "https://login.example.com/realms/docpipe")
                .containsEntry("DOCPIPE_AUTH_AUDIENCE", "docpipe-api")
                .doesNotContainKeys("DOCPIPE_AUTH_JWK_SET_URI", "DOCPIPE_AUTH_ALGORITHMS", "DOCPIPE_JWT_SECRET");
        for (String service : List.of("pipeline-streams", "workers")) {
            assertThat(oidc.environment(service).keySet()).as(service).noneMatch(name -> name.startsWith("DOCPIPE_AUTH_"));
        }
    }

    /** The OIDC resource server's settings (DOCPIPE_AUTH_*) the chart can set are all read by api-service. */
    @Test
    void everyOidcVariableTheChartCanSetIsOneTheApiReads() {
        RenderedChart all = RenderedChart.render(t -> t.set("api.auth.oidc.issuerUri", "https://login.example.com")
                .set("api.auth.oidc.jwkSetUri", "https://login.example.com/jwks").set("api.auth.oidc.audience", "docpipe-api")
                .set("api.auth.oidc.algorithms", "RS256"));
        Map<String, String> env = all.environment("api-service");
        assertThat(env.keySet()).filteredOn(name -> name.startsWith("DOCPIPE_AUTH_")).hasSize(4);
        assertThat(ServiceConfig.of("api-service").unread(env)).isEmpty();
    }

    @Test
    void eachImageIsItsOwnStageOfTheDockerfileUnderTheChosenRegistryAndTag() {
        Set<String> stages = new LinkedHashSet<>();
        Matcher m = STAGE.matcher(RepoFiles.read("docker/Dockerfile"));
        while (m.find()) {
            stages.add(m.group(1));
        }
        String appVersion = String.valueOf(
                cast(new org.yaml.snakeyaml.Yaml().load(RepoFiles.read("deploy/helm/docpipe/Chart.yaml"))).get("appVersion"));
        for (String service : SERVICES) {
            assertThat(stages).as("stages of docker/Dockerfile").contains(service);
            assertThat(defaults.container(service).get("image")).isEqualTo("docpipe/" + service + ":" + appVersion);
            assertThat(production.container(service).get("image"))
                    .isEqualTo("registry.example.com/docpipe/" + service + ":0.1.0");
        }
        // The compose file's images carry the same version.
        assertThat(ComposeFile.load().image("api-service")).isEqualTo("docpipe/api-service:" + appVersion);
    }

    @Test
    void containerPortsAreThePortsTheServicesListenOnAndServicesTargetThem() {
        for (RenderedChart chart : List.of(defaults, production)) {
            for (String service : List.of("pipeline-streams", "api-service")) {
                int port = ServiceConfig.of(service).serverPort(chart.environment(service)).orElseThrow();
                assertThat(chart.containerPorts(service)).as(service).containsExactly(Map.entry("http", port));
                assertServicesTargetContainerPorts(chart, service);
            }
            assertThat(chart.containerPorts("workers")).as("the workers' actuator")
                    .containsExactly(Map.entry("management", 8082));
        }
        Map<String, Object> api = defaults.get("Service", nameOf("api-service"));
        assertThat(list(path(api, "spec", "ports"))).singleElement()
                .satisfies(p -> assertThat(p).containsEntry("port", 80).containsEntry("targetPort", "http"));
    }

    @Test
    void probesAskTheHealthGroupsEachServiceConfiguresOnItsOwnPort() {
        for (RenderedChart chart : List.of(defaults, production)) {
            for (String service : List.of("pipeline-streams", "api-service")) {
                Set<String> endpoints = healthEndpoints(service);
                Map<String, Object> container = chart.container(service);
                for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                    Map<String, Object> httpGet = cast(path(container, probe, "httpGet"));
                    assertThat(endpoints).as(service + " " + probe).contains(String.valueOf(httpGet.get("path")));
                    assertThat(chart.containerPorts(service)).as(service + " " + probe).containsKey(
                            String.valueOf(httpGet.get("port")));
                }
                // A database or Kafka outage must not make Kubernetes restart the pods.
                assertThat(path(container, "livenessProbe", "httpGet", "path")).isEqualTo("/actuator/health/liveness");
            }
            assertThat(path(chart.container("api-service"), "readinessProbe", "httpGet", "path"))
                    .isEqualTo("/actuator/health/readiness");
            assertThat(ServiceConfig.of("api-service").defaults())
                    .containsEntry("management.endpoint.health.group.readiness.include", "readinessState, db, kafka");
            assertThat(path(chart.container("workers"), "readinessProbe", "httpGet", "path"))
                    .isEqualTo("/actuator/health/readiness");
        }
    }

    /** The API's wait listener (decision 0014): off by default; a port is its variable, container port and Service port. */
    @Test
    void aWaitListenerPortIsTheApisVariableContainerPortAndServicePort() {
        assertThat(defaults.environment("api-service")).doesNotContainKey("DOCPIPE_WAIT_LISTENER_PORT");
        RenderedChart on = RenderedChart.render(t -> t.set("api.waitListener.port", "8090"));
        assertThat(on.environment("api-service")).containsEntry("DOCPIPE_WAIT_LISTENER_PORT", "8090");
        assertThat(on.containerPorts("api-service")).containsEntry("waits", 8090);
        assertThat(list(path(on.get("Service", nameOf("api-service")), "spec", "ports")))
                .anySatisfy(p -> assertThat(p).containsEntry("port", 8090).containsEntry("targetPort", "waits"));
    }

    /** The workers' actuator port (issue 19) is their container port, probe port and Service port; empty turns it off. */
    @Test
    void aWorkersManagementPortIsTheirContainerPortProbePortAndServicePort() {
        RenderedChart off = RenderedChart.render(t -> t.set("workers.managementPort", ""));
        assertThat(off.containerPorts("workers")).isEmpty();
        assertThat(off.container("workers")).doesNotContainKeys("livenessProbe", "readinessProbe", "startupProbe");
        RenderedChart chart = defaults;
        assertThat(chart.environment("workers")).containsEntry("DOCPIPE_WORKER_MANAGEMENT_PORT", "8082");
        assertThat(chart.containerPorts("workers")).containsExactly(Map.entry("management", 8082));
        Map<String, Object> container = chart.container("workers");
        assertThat(path(container, "livenessProbe", "httpGet", "path")).isEqualTo("/actuator/health/liveness");
        assertThat(path(container, "readinessProbe", "httpGet", "path")).isEqualTo("/actuator/health/readiness");
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            assertThat(path(container, probe, "httpGet", "port")).as(probe).isEqualTo("management");
        }
        assertServicesTargetContainerPorts(chart, "workers");
    }

    @Test
    void thePipelineKeepsItsStateOnItsVolumeAndIsAStaticMemberNamedAfterItsPod() {
        for (RenderedChart chart : List.of(defaults, production)) {
            Map<String, String> env = chart.environment("pipeline-streams");
            assertThat(chart.volumeMounts("pipeline-streams"))
                    .containsEntry("streams-state", env.get("DOCPIPE_PIPELINE_STATE_DIR"));
            // PipelineProperties turns the instance id into group.instance.id.
            assertThat(env).containsEntry("DOCPIPE_PIPELINE_INSTANCE_ID", "field:metadata.name");
            assertThat(ServiceConfig.of("pipeline-streams").reads("DOCPIPE_PIPELINE_INSTANCE_ID", "")).isPresent();
            assertThat(path(chart.workload("pipeline-streams"), "spec", "podManagementPolicy")).isEqualTo("Parallel");
        }
        RenderedChart threeStandbys = RenderedChart.render(t -> t.set("pipeline.numStandbyReplicas", 2));
        assertThat(threeStandbys.environment("pipeline-streams"))
                .containsEntry("DOCPIPE_PIPELINE_STREAMS_NUM_STANDBY_REPLICAS", "2");
        // Workers: the pod name is unique per live process, as their transactional id must be.
        assertThat(defaults.environment("workers")).containsEntry("DOCPIPE_WORKER_INSTANCE_ID", "field:metadata.name");
    }

    @Test
    void apiAndWorkersShareOneBlobStore() {
        // Default: a local directory on one ReadWriteMany claim, mounted where DOCPIPE_BLOB_DIR points.
        for (String service : List.of("api-service", "workers")) {
            Map<String, String> env = defaults.environment(service);
            assertThat(env).containsEntry("DOCPIPE_BLOB_STORE", "local");
            assertThat(defaults.volumeMounts(service)).containsEntry("blobs", env.get("DOCPIPE_BLOB_DIR"));
            assertThat(path(defaults.volumes(service).get("blobs"), "persistentVolumeClaim", "claimName"))
                    .isEqualTo("docpipe-blobs");
        }
        // S3: the same bucket and endpoint for both, and no blob volume.
        Map<String, String> api = production.environment("api-service");
        Map<String, String> workers = production.environment("workers");
        for (String variable : List.of("DOCPIPE_BLOB_STORE", "DOCPIPE_BLOB_S3_ENDPOINT", "DOCPIPE_BLOB_S3_BUCKET",
                "DOCPIPE_BLOB_S3_REGION", "DOCPIPE_BLOB_S3_PATH_STYLE", "DOCPIPE_BLOB_S3_ACCESS_KEY")) {
            assertThat(workers.get(variable)).as(variable).isNotNull().isEqualTo(api.get(variable));
        }
        assertThat(api).containsEntry("DOCPIPE_BLOB_STORE", "s3").doesNotContainKey("DOCPIPE_BLOB_DIR");
        assertThat(production.volumeMounts("api-service")).doesNotContainKey("blobs");
    }

    @Test
    void theKafkaTruststoreIsMountedWhereEveryServiceIsToldToFindIt() {
        for (String service : SERVICES) {
            String location = production.environment(service).get(KafkaSecurity.TRUSTSTORE_LOCATION);
            String mountPath = production.volumeMounts(service).get("kafka-truststore");
            assertThat(location).as(service).isEqualTo(mountPath + "/truststore.p12");
            Map<String, Object> secret = cast(path(production.volumes(service).get("kafka-truststore"), "secret"));
            assertThat(secret).containsEntry("secretName", "docpipe-kafka-tls");
            assertThat(list(secret.get("items"))).extracting(i -> i.get("path")).containsExactly("truststore.p12");
        }
    }

    @Test
    void workersAreScaledByCpuBetweenBoundsAndTheHpaOwnsTheirReplicaCount() {
        Map<String, Object> hpa = defaults.get("HorizontalPodAutoscaler", nameOf("workers"));
        assertThat(path(hpa, "apiVersion")).isEqualTo("autoscaling/v2");
        assertThat(cast(path(hpa, "spec", "scaleTargetRef")))
                .containsEntry("kind", "Deployment").containsEntry("name", nameOf("workers"));
        assertThat(path(hpa, "spec", "metrics")).asString().contains("name=cpu", "averageUtilization=70");
        assertThat((Integer) path(hpa, "spec", "minReplicas")).isLessThanOrEqualTo((Integer) path(hpa, "spec", "maxReplicas"));
        assertThat(cast(path(defaults.workload("workers"), "spec"))).doesNotContainKey("replicas");
        // Utilization is measured against the request.
        assertThat(path(defaults.container("workers"), "resources", "requests", "cpu")).isNotNull();

        RenderedChart fixed = RenderedChart.render(t -> t.set("workers.autoscaling.enabled", false));
        assertThat(fixed.find("HorizontalPodAutoscaler", nameOf("workers"))).isEmpty();
        assertThat(path(fixed.workload("workers"), "spec", "replicas")).isEqualTo(2);
    }

    @Test
    void everyContainerRequestsCpuAndMemoryAndHasAMemoryLimit() {
        for (RenderedChart chart : List.of(defaults, production)) {
            for (String service : SERVICES) {
                Map<String, Object> resources = cast(chart.container(service).get("resources"));
                assertThat(cast(resources.get("requests"))).as(service).containsKeys("cpu", "memory");
                assertThat(cast(resources.get("limits"))).as(service).containsKey("memory");
            }
        }
    }

    @Test
    void everyPodSelectorMatchesItsPodTemplate() {
        for (String service : SERVICES) {
            Map<String, Object> workload = defaults.workload(service);
            Map<String, Object> selector = cast(path(workload, "spec", "selector", "matchLabels"));
            assertThat(cast(path(workload, "spec", "template", "metadata", "labels"))).as(service)
                    .containsAllEntriesOf(selector);
        }
    }

    @Test
    void aDrainTakesOnePipelineAndOneApiPodAtATime() {
        for (String component : List.of("pipeline-streams", "api-service")) {
            Map<String, Object> budget = defaults.get("PodDisruptionBudget", nameOf(component));
            assertThat(path(budget, "spec", "maxUnavailable")).isEqualTo(1);
            assertThat(cast(path(defaults.workload(component), "spec", "template", "metadata", "labels")))
                    .containsAllEntriesOf(cast(path(budget, "spec", "selector", "matchLabels")));
        }
        RenderedChart single = RenderedChart.render(t -> t.set("pipeline.replicas", 1));
        assertThat(single.find("PodDisruptionBudget", nameOf("pipeline-streams"))).as("one replica: a drain must move it").isEmpty();
    }

    /** Every Service selecting the component's pods targets a named port its container has. */
    private static void assertServicesTargetContainerPorts(RenderedChart chart, String component) {
        Map<String, Object> podLabels = cast(path(chart.workload(component), "spec", "template", "metadata", "labels"));
        List<Map<String, Object>> services = chart.ofKind("Service").stream()
                .filter(s -> podLabels.entrySet().containsAll(cast(path(s, "spec", "selector")).entrySet()))
                .toList();
        assertThat(services).as("Services of " + component).isNotEmpty();
        for (Map<String, Object> service : services) {
            for (Map<String, Object> port : list(path(service, "spec", "ports"))) {
                assertThat(chart.containerPorts(component)).as(path(service, "metadata", "name") + " " + port)
                        .containsKey(String.valueOf(port.get("targetPort")));
            }
        }
    }

    /** The health paths the service serves: the whole, the probe groups when enabled, its own groups. */
    private static Set<String> healthEndpoints(String service) {
        Map<String, Object> config = ServiceConfig.of(service).defaults();
        assertThat(String.valueOf(config.get("management.endpoints.web.exposure.include"))).as(service).contains("health");
        Set<String> endpoints = new LinkedHashSet<>(List.of("/actuator/health"));
        if (Boolean.TRUE.equals(config.get("management.endpoint.health.probes.enabled"))) {
            endpoints.addAll(List.of("/actuator/health/liveness", "/actuator/health/readiness"));
        }
        String groups = "management.endpoint.health.group.";
        config.keySet().stream().filter(k -> k.startsWith(groups))
                .forEach(k -> endpoints.add("/actuator/health/" + k.substring(groups.length(), k.indexOf('.', groups.length()))));
        return endpoints;
    }

    /** A map property bound by Spring Boot from {@code env} given as environment variables (the source needs the system environment's name for their relaxed mapping). */
    private static Map<String, String> bindMap(Map<String, String> env, String property) {
        var source = new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new HashMap<String, Object>(env));
        return new Binder(ConfigurationPropertySources.from(source))
                .bind(property, Bindable.mapOf(String.class, String.class)).orElse(Map.of());
    }
}
