package dev.docpipe.bench.pipeline;

import dev.docpipe.bench.infra.ResourceMeter;
import dev.docpipe.localinfra.PostgresDatabase;
import dev.docpipe.model.Topics;
import dev.docpipe.personaldata.DataKeys;
import dev.docpipe.personaldata.KeyEncryptionKey;
import dev.docpipe.personaldata.PersonalDataCipher;
import dev.docpipe.personaldata.PersonalDataSchema;
import dev.docpipe.personaldata.PersonalFields;
import dev.docpipe.pipeline.PipelineConfig;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * {@code --sealed}: what sealing personal fields (docs/decisions/0012) costs the pipeline. The same workload
 * again (other documents, same shape), its RegisterDocument and EditReview sealed as the API seals them (a data
 * key per document in PostgreSQL, AES-GCM per field), is appended to the input; then two fresh exactly-once
 * decider applications run back to back in this JVM, one on the plain workload (the input's start to its end
 * before the append) and one on the sealed one (its committed offsets set to that point first), each measured
 * from RUNNING to its end offsets. The pipeline never opens a sealed value: what it pays is bigger records.
 * Runs after every other phase, so none of them sees the appended records.
 */
final class SealedComparison {
    private SealedComparison() {}

    static void run(String bootstrap, Admin admin, Path work, String run, PipelineOptions options,
            Map<TopicPartition, Long> plainEnd, Workload.Stats plain, Report report) throws Exception {
        PersonalFields sealer = sealer();
        Workload.Stats sealed = Workload.produce(bootstrap, options, options.seed() + 1, sealer);
        Map<TopicPartition, Long> sealedEnd = PipelineBenchmark.endOffsets(admin, Topics.COMMANDS, Topics.JOB_RESULTS);

        Map<TopicPartition, Long> start = new HashMap<>();
        plainEnd.keySet().forEach(tp -> start.put(tp, 0L));
        double plainRate = measure("decider EOS, plain fields", bootstrap, admin, work, run + "-plain-fields",
                options, start, plainEnd);
        double sealedRate = measure("decider EOS, sealed fields", bootstrap, admin, work, run + "-sealed-fields",
                options, plainEnd, sealedEnd);
        report.sealedComparison(plain, sealed, plainRate, sealedRate);
    }

    /** Input records per second of a fresh exactly-once decider from {@code from} to {@code to}. */
    private static double measure(String name, String bootstrap, Admin admin, Path work, String applicationId,
            PipelineOptions options, Map<TopicPartition, Long> from, Map<TopicPartition, Long> to) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        from.forEach((tp, offset) -> offsets.put(tp, new OffsetAndMetadata(offset)));
        // the group does not exist yet: its committed offsets are where the application starts
        admin.alterConsumerGroupOffsets(applicationId, offsets).all().get(30, TimeUnit.SECONDS);
        PipelineConfig config = PipelineBenchmark.exactlyOnce(bootstrap, applicationId, work, options,
                PipelineConfig.DEFAULT_COMMIT_INTERVAL);
        try (StreamsRun decider = StreamsRun.start(PipelineBenchmark.decider(config), config)) {
            StreamsRun.Measured measured = decider.awaitCommitted(name, admin, to, 1, options.phaseTimeout(),
                    ResourceMeter.start(StreamsThreadGroups.INSTANCE));
            long records = sum(to) - sum(from);
            return records / measured.seconds();
        }
    }

    private static long sum(Map<TopicPartition, Long> offsets) {
        return offsets.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The API's sealing, on a database of its own on the shared embedded PostgreSQL, under a fresh KEK. */
    private static PersonalFields sealer() {
        PostgresDatabase pg = PostgresDatabase.shared();
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(pg.createDatabase("docpipe_bench_keys_" + Long.toString(System.nanoTime(), 36)));
        dataSource.setUser(pg.username());
        dataSource.setPassword(pg.password());
        PersonalDataSchema.migrate(dataSource);
        KeyEncryptionKey kek = KeyEncryptionKey.from(Map.of(KeyEncryptionKey.KEK_VARIABLE,
                KeyEncryptionKey.generateEncoded()));
        return new PersonalFields(new PersonalDataCipher(DataKeys.over(dataSource, kek)));
    }
}
