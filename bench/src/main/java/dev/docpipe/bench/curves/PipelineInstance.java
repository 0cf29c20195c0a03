package dev.docpipe.bench.curves;

import dev.docpipe.bench.pipeline.Footprint;
import dev.docpipe.pipeline.DocpipePipeline;
import dev.docpipe.pipeline.PipelineConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.kafka.streams.LagInfo;

/**
 * One instance of the real pipeline in this JVM, with the production defaults, a state directory of its own and
 * one standby replica per task (so that a second instance keeps warm copies of the first one's stores).
 */
final class PipelineInstance implements AutoCloseable {
    /** Records a standby may be behind and still count as caught up. */
    static final long CAUGHT_UP_LAG = 100;

    private final PipelineConfig config;
    private final Path stateDir;
    private DocpipePipeline pipeline;

    private PipelineInstance(PipelineConfig config, Path stateDir) {
        this.config = config;
        this.stateDir = stateDir;
    }

    static PipelineInstance start(String bootstrap, String applicationId, Path stateDir, int partitions) {
        PipelineConfig config = PipelineConfig.defaults(bootstrap, applicationId, stateDir).withPartitions(partitions)
                .withStreamsOverrides(Map.of("num.standby.replicas", "1"));
        PipelineInstance instance = new PipelineInstance(config, stateDir);
        instance.pipeline = DocpipePipeline.start(config);
        return instance;
    }

    DocpipePipeline pipeline() {
        return pipeline;
    }

    String applicationId() {
        return config.applicationId();
    }

    /** The application's stores under this instance's state directory. */
    Path appStateDir() {
        return stateDir.resolve(config.applicationId());
    }

    /**
     * Stops (leaving the group) and deletes the state directory, as when an instance loses its disk. Returns the
     * directory's bytes just before: closed, so RocksDB has flushed its memtables (a running instance's directory
     * understates its stores).
     */
    long stopAndLoseState() {
        pipeline.close();
        long bytes = Footprint.stateDirBytes(appStateDir()).values().stream().mapToLong(Long::longValue).sum();
        deleteRecursively(appStateDir());
        return bytes;
    }

    /** Starts again (its stores come back from the changelogs when their directory is gone). */
    void startAgain() {
        pipeline = DocpipePipeline.start(config);
    }

    /** Every (store, partition) this instance holds, active or standby, and how far behind each is. */
    Map<String, Map<Integer, LagInfo>> lags() {
        return pipeline.streams().allLocalStorePartitionLags();
    }

    /**
     * Whether this instance holds a copy of every store partition {@code other} holds, each at most
     * {@link #CAUGHT_UP_LAG} records behind: under exactly-once a changelog ends with a commit marker that a
     * standby's position never passes, and the lease punctuation keeps writing, so a lag of exactly 0 may never come.
     */
    boolean mirrors(PipelineInstance other) {
        Map<String, Map<Integer, LagInfo>> mine = lags();
        Set<String> wanted = keys(other.lags());
        if (!keys(mine).containsAll(wanted)) {
            return false;
        }
        return mine.values().stream().flatMap(m -> m.values().stream()).allMatch(l -> l.offsetLag() <= CAUGHT_UP_LAG);
    }

    private static String describe(Map<String, Map<Integer, LagInfo>> lags) {
        StringBuilder text = new StringBuilder();
        lags.forEach((store, partitions) -> partitions.forEach((p, lag) ->
                text.append(store).append('/').append(p).append(" lag ").append(lag.offsetLag()).append("; ")));
        return text.toString();
    }

    private static Set<String> keys(Map<String, Map<Integer, LagInfo>> lags) {
        Set<String> keys = new TreeSet<>();
        lags.forEach((store, partitions) -> partitions.keySet().forEach(p -> keys.add(store + "/" + p)));
        return keys;
    }

    /** Waits until {@link #mirrors} holds. */
    void awaitMirroring(PipelineInstance other, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!mirrors(other)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the standby did not catch up within " + timeout + ": it holds "
                        + describe(lags()) + ", the active instance " + describe(other.lags()));
            }
            Thread.sleep(100);
        }
    }

    @Override
    public void close() {
        if (pipeline != null) {
            pipeline.close();
            pipeline = null;
        }
    }

    /** Closes and deletes this instance's state directory. */
    void closeAndDelete() {
        close();
        deleteRecursively(stateDir);
    }

    static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
