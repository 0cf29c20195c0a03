package dev.docpipe.bench.pipeline;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What one {@link PipelineBenchmark} run does; {@link PipelineCommand} reads it from the command line, with
 * defaults that run the documented workload.
 *
 * @param documents documents in the pre-produced workload (about 10 records each)
 * @param activeDocuments documents whose records are interleaved at any moment (how far apart a
 *     document's records are in the input, so how often the store cache can coalesce its writes)
 * @param partitions partitions of docpipe's topics (the production default is 12)
 * @param streamThreads stream threads per application (the production default is 1)
 * @param warmupFraction share of the input a discarded decider run processes first (JIT warm-up)
 * @param latencyRate commands per second sent during a latency phase
 * @param latencySeconds measured seconds of a latency phase (after {@code latencyWarmup})
 * @param latencyRounds rounds of (default commit interval, {@code latencyCommit}), alternated so that a
 *     burst of load from elsewhere on the machine does not land on one interval only
 * @param latencyCommit the commit interval the default one is compared with in the latency phases
 * @param phaseTimeout a phase that has not finished by then fails the benchmark
 * @param jfr where to write JFR recordings of the exactly-once decider and latency phases, or null for none
 * @param latencyOverrides Kafka Streams settings of an extra latency variant (default commit interval plus
 *     these), for experiments such as {@code --latency-override producer.linger.ms=5}; empty for none
 * @param latencyVariants more latency variants, one per {@code --latency-variant K=V,K=V}: Kafka Streams
 *     settings applied over the defaults ({@code commit.interval.ms} included), e.g.
 *     {@code --latency-variant commit.interval.ms=20,poll.ms=100}
 * @param deciderVariant Kafka Streams settings of a second exactly-once decider run right after the first
 *     (its own application id, same input), for paired throughput comparisons such as
 *     {@code --decider-variant producer.linger.ms=5}; empty for none
 * @param sealed at the end, the exactly-once decider on the workload again with its personal fields sealed as
 *     the API seals them, against the plain workload, back to back ({@link SealedComparison})
 */
record PipelineOptions(
        int documents,
        int activeDocuments,
        int partitions,
        int streamThreads,
        double warmupFraction,
        int latencyRate,
        Duration latencySeconds,
        Duration latencyWarmup,
        int latencyRounds,
        Duration latencyCommit,
        Duration phaseTimeout,
        long seed,
        Path jfr,
        Map<String, String> latencyOverrides,
        List<Map<String, String>> latencyVariants,
        Map<String, String> deciderVariant,
        boolean sealed) {
}
