package dev.docpipe.api.support;

import dev.docpipe.localinfra.KafkaBroker;
import dev.docpipe.localinfra.PostgresDatabase;
import dev.docpipe.personaldata.KeyEncryptionKey;
import dev.docpipe.pipeline.DocpipePipeline;
import dev.docpipe.pipeline.PipelineConfig;
import dev.docpipe.pipeline.metrics.PipelineMetrics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * What the API runs against in tests, once per JVM: the shared real KRaft broker, the shared real
 * PostgreSQL (one database for the API), and the real pipeline topology in-process.
 */
public final class TestStack {
    private static volatile TestStack stack;

    public final String bootstrapServers;
    public final String jdbcUrl;
    public final String dbUser;
    public final String dbPassword;
    public final Path blobDir;
    /** The pipeline's Kafka Streams state directory (RocksDB stores): the erasure proof reads its bytes. */
    public final Path stateDir;
    /** The key-encryption key (DOCPIPE_KEK) of every API context of this JVM: they share one database of keys. */
    public final String kek = KeyEncryptionKey.generateEncoded();
    private final PipelineConfig pipelineConfig;
    private volatile DocpipePipeline pipeline;

    private TestStack() {
        KafkaBroker broker = KafkaBroker.shared();
        PostgresDatabase pg = PostgresDatabase.shared();
        bootstrapServers = broker.bootstrapServers();
        jdbcUrl = pg.createDatabase("api_it_" + ProcessHandle.current().pid());
        dbUser = pg.username();
        dbPassword = pg.password();
        try {
            blobDir = Files.createTempDirectory("docpipe-api-blobs");
            stateDir = Files.createTempDirectory("docpipe-api-it-streams");
            pipelineConfig = PipelineConfig.forTests(bootstrapServers, "docpipe-pipeline-api-it", stateDir);
            pipeline = startPipeline();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> pipeline.close(), "pipeline-shutdown"));
    }

    /**
     * Runs {@code whileStopped} with the pipeline closed, then starts it again on the same state directory.
     * A clean close flushes every RocksDB store to its files (a running store keeps recent writes in memory
     * only: Kafka Streams writes no RocksDB WAL), so this is how a test sees every byte a store holds.
     */
    public synchronized <T> T withPipelineStopped(Supplier<T> whileStopped) {
        pipeline.close();
        try {
            return whileStopped.get();
        } finally {
            pipeline = startPipeline();
        }
    }

    private DocpipePipeline startPipeline() {
        return DocpipePipeline.start(pipelineConfig, PipelineMetrics.noop(), TestSpans.decisionTracing());
    }

    public static TestStack get() {
        TestStack local = stack;
        if (local == null) {
            synchronized (TestStack.class) {
                local = stack;
                if (local == null) {
                    local = new TestStack();
                    stack = local;
                }
            }
        }
        return local;
    }
}
