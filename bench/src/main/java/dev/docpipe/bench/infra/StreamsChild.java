package dev.docpipe.bench.infra;

import dev.docpipe.localinfra.JavaProcess;
import dev.docpipe.pipeline.app.PipelineApplication;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The real pipeline-streams service ({@link PipelineApplication}, Spring Boot) in its own JVM, as
 * CrashRecoveryIntegrationTest runs it, so it can be SIGKILLed, SIGSTOPped and SIGCONTinued. Raw Kafka
 * Streams settings go through {@code docpipe.pipeline.streams} with Spring's bracket notation, which keeps
 * dotted keys intact: {@code --docpipe.pipeline.streams.[producer.transaction.timeout.ms]=5000}.
 */
public final class StreamsChild {
    private final String bootstrap;
    private final String applicationId;
    private final Path stateDir;
    private final String instanceId;
    private final Map<String, String> streams;
    private final boolean fastStart;
    private final List<Path> logs = new ArrayList<>();
    private JavaProcess process;

    public StreamsChild(String bootstrap, String applicationId, Path stateDir, String instanceId,
            Map<String, String> streams, boolean fastStart) {
        this.bootstrap = bootstrap;
        this.applicationId = applicationId;
        this.stateDir = stateDir;
        this.instanceId = instanceId;
        this.streams = new LinkedHashMap<>(streams);
        this.fastStart = fastStart;
    }

    /** Starts a JVM and returns once Spring Boot reports it started (the pipeline is RUNNING by then). */
    public StreamsChild start() {
        List<String> jvm = new ArrayList<>(List.of("-Xmx384m", "-XX:+UseSerialGC"));
        if (fastStart) {
            // Start-up dominates the torture runs on 2 cores; peak throughput does not matter there.
            jvm.add("-XX:TieredStopAtLevel=1");
        }
        List<String> args = new ArrayList<>(List.of(
                "--docpipe.pipeline.bootstrap-servers=" + bootstrap,
                "--docpipe.pipeline.application-id=" + applicationId,
                "--docpipe.pipeline.state-dir=" + stateDir,
                "--docpipe.pipeline.partitions=" + Kafka.PARTITIONS,
                "--docpipe.pipeline.instance-id=" + instanceId,
                "--spring.main.web-application-type=none",
                // The classpath's logback keeps Kafka at WARN, but a member that lost its group while paused
                // between transactions hears of it only at INFO (heartbeat, rejoin, partitions lost): the
                // torture runs read that story from the log.
                "--logging.level.org.apache.kafka.clients.consumer.internals.AbstractCoordinator=INFO",
                "--logging.level.org.apache.kafka.clients.consumer.internals.ConsumerCoordinator=INFO",
                "--logging.level.org.apache.kafka.streams.processor.internals.StreamsRebalanceListener=INFO"));
        streams.forEach((key, value) -> args.add("--docpipe.pipeline.streams.[" + key + "]=" + value));
        process = JavaProcess.of(PipelineApplication.class).jvmArgs(jvm.toArray(String[]::new))
                .args(args.toArray(String[]::new)).start();
        logs.add(process.logFile());
        process.awaitLogLine("Started PipelineApplication", Duration.ofSeconds(180));
        return this;
    }

    public void kill9() {
        process.kill9();
    }

    public void stop() {
        if (process != null && process.isAlive()) {
            process.stop(Duration.ofSeconds(30));
        }
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    /** kill -STOP: the JVM freezes mid-whatever, sockets open, transaction open. */
    public void sigstop() {
        signal("STOP");
    }

    public void sigcont() {
        signal("CONT");
    }

    /** SIGCONT if the process still exists, ignoring failures: for cleanup after a failed test. */
    public void sigcontQuietly() {
        try {
            if (isAlive()) {
                sigcont();
            }
        } catch (RuntimeException e) {
            // best effort
        }
    }

    private void signal(String name) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed");
            }
        } catch (IOException e) {
            throw new IllegalStateException("could not run kill", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Lines of this instance's logs (all its incarnations) matching {@code pattern}. */
    public List<String> logLines(Pattern pattern) {
        List<String> lines = new ArrayList<>();
        for (Path log : logs) {
            try {
                new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines()
                        .filter(l -> pattern.matcher(l).find()).forEach(lines::add);
            } catch (IOException e) {
                // no log
            }
        }
        return lines;
    }

    public List<Path> logs() {
        return List.copyOf(logs);
    }
}
