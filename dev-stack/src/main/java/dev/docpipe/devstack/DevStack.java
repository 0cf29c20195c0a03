package dev.docpipe.devstack;

import dev.docpipe.kafkaconfig.KafkaSecurity;
import dev.docpipe.localinfra.EmbeddedS3;
import dev.docpipe.localinfra.StandaloneKafka;
import dev.docpipe.pipeline.DocpipePipeline;
import dev.docpipe.pipeline.PipelineConfig;
import dev.docpipe.pipeline.TopicProvisioner;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts docpipe on this machine in dependency order (PostgreSQL, Kafka, topics and pipeline,
 * api-service and workers), prints where everything is, and stops it all in reverse order on
 * Ctrl-C, SIGTERM, or when a service dies.
 */
public final class DevStack {
    private static final Logger log = LoggerFactory.getLogger(DevStack.class);
    static final String PIPELINE_APP_ID = "docpipe-pipeline";
    static final String PIPELINE_INSTANCE_ID = "dev-stack-pipeline";
    /** The bucket api-service and the workers share with --blob-store s3; they create it at start. */
    static final String S3_BUCKET = "docpipe";
    /** The workers' actuator port in docker-compose.yml and their application.yml default. */
    static final int WORKERS_MANAGEMENT_PORT = 8082;
    static final int WAIT_LISTENER_PORT = 8090;
    /** Spring Boot on a busy two-core machine; a first start also creates the schema. */
    private static final Duration SERVICE_READY_TIMEOUT = Duration.ofMinutes(3);

    private final StackOptions options;
    private final DataDir data;
    private final Closer closer = new Closer();
    private volatile boolean failed;

    public DevStack(StackOptions options) {
        this.options = options;
        this.data = options.data();
    }

    /** Blocks until stopped; returns the exit code. */
    public int runUntilStopped() {
        Runtime.getRuntime().addShutdownHook(new Thread(closer::closeAll, "dev-stack-shutdown"));
        try {
            String banner = start();
            // Stopped first: dev-stack.env exists exactly while the stack is ready.
            closer.register("dev-stack.env", () -> Banner.forgetPreviousRun(data));
            System.out.println(banner);
        } catch (RuntimeException e) {
            if (closer.isClosing() && !failed) {
                log.info("stopped while starting");
                closer.closeAll();
                return 130;
            }
            log.error("the dev stack did not start: {}", e.getMessage());
            // The stack trace goes to logs/dev-stack.log only: the message above is what to act on.
            LoggerFactory.getLogger("dev-stack.failure").warn("start failed", e);
            closer.closeAll();
            return 1;
        }
        closer.awaitClosed();
        return failed ? 1 : 0;
    }

    /** Starts everything the mode asks for and returns the text to print. */
    String start() {
        Banner.forgetPreviousRun(data);
        StaleProcesses.stopRecorded(data.run());
        ServiceJars jars = new ServiceJars(options.repoRoot());
        List<Service> services = new ArrayList<>();
        if (options.mode().api()) {
            services.add(Service.API);
        }
        if (options.mode().workers()) {
            services.add(Service.WORKERS);
        }
        List<Path> jarPaths = jars.require(services); // before anything starts: fail in a second, not a minute

        int pgPort = options.pgPort() == null ? Ports.preferred(5432) : Ports.require(options.pgPort(), "PostgreSQL", "--pg-port");
        LocalPostgres pg = timed("PostgreSQL", () -> closer.register("PostgreSQL", LocalPostgres.start(data.postgres(), pgPort)));
        int kafkaPort = Ports.require(options.kafkaPort(), "Kafka", "--kafka-port");
        KafkaSecurity security = KafkaSecurity.fromEnvironment();
        StandaloneKafka kafka = timed("Kafka", () -> closer.register("Kafka", startKafka(kafkaPort, security)));
        Infra infra = new Infra(kafka.saslBootstrapServers().orElse(kafka.bootstrapServers()), security, pg.jdbcUrl(),
                LocalPostgres.USER, LocalPostgres.PASSWORD);
        BlobLocation blobs = blobLocation();
        Banner banner = new Banner(data, infra, pg.port(), blobs);
        int apiPort = options.mode().api() ? Ports.require(options.apiPort(), "api-service", "--api-port") : options.apiPort();
        if (!options.mode().pipeline()) {
            // The topics too (what the pipeline would create): then the separately started services
            // may start in any order; the workers, for one, do not recover from starting before them.
            TopicProvisioner.ensureTopics(kafka.bootstrapServers(), PipelineConfig.DEFAULT_PARTITIONS, (short) 1);
            return banner.infraOnly(jars, apiPort == 0 ? 8080 : apiPort);
        }

        timed("topics and pipeline", () -> closer.register("pipeline", DocpipePipeline.start(pipelineConfig(infra))));
        if (!options.mode().api()) {
            return banner.pipelineOnly();
        }

        String apiBase = "http://127.0.0.1:" + apiPort;
        Map<String, String> apiEnvironment = new java.util.LinkedHashMap<>(ServiceEnvironment.api(infra, blobs, apiPort,
                data.keyEncryptionKey()));
        // the wait listener (docs/decisions/0014-wait-listener.md): 8090 as in docker-compose.yml when free
        int waitListenerPort = Ports.preferred(WAIT_LISTENER_PORT);
        apiEnvironment.put("DOCPIPE_WAIT_LISTENER_PORT", Integer.toString(waitListenerPort));
        ServiceProcess api = launch(Service.API, jarPaths.get(0), apiEnvironment);
        // 8082 as in docker-compose.yml when free; any free port otherwise (a second stack, a test).
        int workersPort = options.mode().workers() ? Ports.preferred(WORKERS_MANAGEMENT_PORT) : 0;
        String workersBase = "http://127.0.0.1:" + workersPort;
        ServiceProcess workers = options.mode().workers()
                ? launch(Service.WORKERS, jarPaths.get(1), ServiceEnvironment.workers(infra, blobs, workersPort,
                        ServiceEnvironment.WORKER_INSTANCE_ID))
                : null;
        timed("api-service", () -> {
            api.awaitHttpOk(URI.create(apiBase + "/actuator/health/readiness"), SERVICE_READY_TIMEOUT);
            return api;
        });
        if (workers != null) {
            timed("workers", () -> {
                // Liveness, not readiness: without Tesseract installed the workers are not ready
                // for image OCR, yet everything else (scans, PDFs with text) works.
                workers.awaitHttpOk(URI.create(workersBase + "/actuator/health/liveness"), SERVICE_READY_TIMEOUT);
                return workers;
            });
        }
        DevAccount account = DevAccount.obtain(apiBase, data.devAccount());
        Path sample = SampleFiles.copySamplePdf(data.sample());
        return banner.ready(apiBase, account, sample, workers != null ? workersBase : null);
    }

    /** {@code <data-dir>/blobs}, or a bucket on an S3 server started here over {@code <data-dir>/s3}. */
    private BlobLocation blobLocation() {
        if (options.blobStore() != StackOptions.BlobStoreKind.S3) {
            return BlobLocation.directory(data.blobs());
        }
        EmbeddedS3 s3 = timed("S3", () -> closer.register("S3", startS3()));
        return BlobLocation.s3(s3.endpoint(), S3_BUCKET, EmbeddedS3.ACCESS_KEY, EmbeddedS3.SECRET_KEY);
    }

    private EmbeddedS3 startS3() {
        try {
            return EmbeddedS3.start(data.s3());
        } catch (Exception e) {
            throw new IllegalStateException("the S3 server (S3Proxy over " + data.s3() + ") did not start: " + e, e);
        }
    }

    /**
     * The service's defaults, plus static group membership: after a kill -9 nobody leaves the group,
     * so with a new member id the restarted stack would wait out the old member's session timeout
     * (45 s) before it gets its partitions back; with a stable instance id it takes them back at once.
     */
    PipelineConfig pipelineConfig(Infra infra) {
        Map<String, String> overrides = new HashMap<>(infra.kafkaSecurity().clientProperties());
        overrides.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG), PIPELINE_INSTANCE_ID);
        return PipelineConfig.defaults(infra.bootstrapServers(), PIPELINE_APP_ID, data.streams())
                .withStreamsOverrides(overrides);
    }

    /**
     * With DOCPIPE_KAFKA_SECURITY_PROTOCOL=SASL_PLAINTEXT (and a SCRAM-SHA-512 user and password) in the dev
     * stack's own environment, its broker gets a SCRAM listener on the next port for that user, and every
     * service is pointed at it: a local rehearsal of a secured cluster. The user is created when the
     * storage is formatted, i.e. in a fresh data directory.
     */
    private StandaloneKafka startKafka(int port, KafkaSecurity security) {
        if (security.sasl().isEmpty()) {
            return StandaloneKafka.start(data.kafka(), port, Optional.empty(), DevStackMemory.BROKER);
        }
        KafkaSecurity.Sasl sasl = security.sasl().get();
        if (security.protocol() != org.apache.kafka.common.security.auth.SecurityProtocol.SASL_PLAINTEXT
                || !sasl.mechanism().equals(StandaloneKafka.ScramListener.MECHANISM)) {
            throw new IllegalArgumentException("the dev stack's broker offers SASL_PLAINTEXT with "
                    + StandaloneKafka.ScramListener.MECHANISM + " only, not " + security);
        }
        int saslPort = Ports.require(port + 1, "Kafka (SASL)", "--kafka-port");
        return StandaloneKafka.start(data.kafka(), port,
                Optional.of(new StandaloneKafka.ScramListener(saslPort, sasl.username(), sasl.password())),
                DevStackMemory.BROKER);
    }

    /** Stops whatever {@link #start()} started (tests; the command line stops through the shutdown hook). */
    void stop() {
        closer.closeAll();
    }

    private ServiceProcess launch(Service service, Path jar, Map<String, String> env) {
        log.info("starting {} from {}", service.module(), jar);
        ServiceProcess process = closer.register(service.module(), ServiceProcess.start(service.module(), jar, env,
                data.logs().resolve(service.module() + ".log"), data.run().resolve(service.module() + ".pid")));
        // A service that dies takes the stack down with it: a half-running stack only confuses.
        process.process().onExit().thenRun(() -> {
            if (!closer.isClosing()) {
                failed = true;
                log.error("{} exited with code {}; stopping the dev stack (see {})", service.module(),
                        process.process().exitValue(), process.logFile());
                new Thread(closer::closeAll, "dev-stack-stop").start();
            }
        });
        return process;
    }

    private interface Step<T> {
        T run();
    }

    private static <T> T timed(String what, Step<T> step) {
        long start = System.nanoTime();
        log.info("starting {}", what);
        T result = step.run();
        log.info("{} ready in {} ms", what, (System.nanoTime() - start) / 1_000_000);
        return result;
    }
}
