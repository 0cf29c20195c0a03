package dev.docpipe.bench.torture;

import dev.docpipe.bench.infra.Latencies;
import dev.docpipe.model.Topics;
import dev.docpipe.model.event.RecordedEvent;
import dev.docpipe.model.event.RequestedJobs;
import dev.docpipe.model.job.Job;
import dev.docpipe.model.job.JobKind;
import dev.docpipe.model.json.ModelJson;
import dev.docpipe.model.outcome.CommandOutcome;
import dev.docpipe.model.outcome.OutcomeStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * The exactly-once verdict, modelled on Kafka's EOS system tests: reads every output topic read_committed
 * from where the run started, as downstream consumers would, and checks, for the run's documents only:
 * <ul>
 *   <li>one outcome per command send (a repeated commandId is answered again, never twice per send);</li>
 *   <li>each document's events numbered 1..n in log order, without gap or repeat, event ids unique;</li>
 *   <li>every job on the job topics named by exactly one committed event, and every named job on its topic;</li>
 *   <li>one job per intent: one scan job per document, one OCR job per document, one ACCEPTED
 *       RegisterDocument and one ACCEPTED ConfirmScan per document, however often they were sent.</li>
 * </ul>
 * Also counts what was written but aborted (read_uncommitted minus read_committed): the writes of killed
 * or fenced transactions, which no read_committed consumer ever sees.
 */
public final class Verifier {
    private Verifier() {}

    public static Verdict verify(String bootstrap, Map<TopicPartition, Long> start, Set<UUID> documents,
            Map<UUID, Integer> sends) {
        Map<String, Long> lost = new LinkedHashMap<>();
        Map<String, Long> duplicated = new LinkedHashMap<>();
        Map<String, Object> facts = new LinkedHashMap<>();

        // 1. Outcomes: exactly one per send.
        List<ConsumerRecord<String, byte[]>> outcomeRecords =
                TopicRange.read(bootstrap, Topics.COMMAND_OUTCOMES, start, documents, true);
        List<CommandOutcome> outcomes = decode(outcomeRecords, ModelJson.OUTCOMES::decode);
        facts.put("wait of a command for its decision (produce -> outcome decided)",
                decisionWait(outcomeRecords, outcomes));
        Map<UUID, Integer> answered = new HashMap<>();
        outcomes.forEach(o -> answered.merge(o.commandId(), 1, Integer::sum));
        long missingOutcomes = 0;
        long extraOutcomes = 0;
        for (var e : sends.entrySet()) {
            int got = answered.getOrDefault(e.getKey(), 0);
            missingOutcomes += Math.max(0, e.getValue() - got);
            extraOutcomes += Math.max(0, got - e.getValue());
        }
        for (var e : answered.entrySet()) {
            if (!sends.containsKey(e.getKey())) {
                extraOutcomes += e.getValue();
            }
        }
        lost.put("sends without an outcome", missingOutcomes);
        duplicated.put("outcomes beyond one per send", extraOutcomes);
        facts.put("command sends", sends.values().stream().mapToLong(Integer::longValue).sum());
        facts.put("outcomes", (long) outcomes.size());

        Map<UUID, Integer> acceptedRegister = new HashMap<>();
        Map<UUID, Integer> acceptedConfirm = new HashMap<>();
        for (CommandOutcome o : outcomes) {
            if (o.status() == OutcomeStatus.ACCEPTED) {
                (o.commandType().equals("RegisterDocument") ? acceptedRegister : acceptedConfirm)
                        .merge(o.documentId(), 1, Integer::sum);
            }
        }
        lost.put("documents without an ACCEPTED RegisterDocument", missing(documents, acceptedRegister));
        lost.put("documents without an ACCEPTED ConfirmScan", missing(documents, acceptedConfirm));
        duplicated.put("ACCEPTED RegisterDocument beyond one per document", beyondOne(acceptedRegister));
        duplicated.put("ACCEPTED ConfirmScan beyond one per document", beyondOne(acceptedConfirm));

        // 2. Events: 1..n per document, in log order.
        List<RecordedEvent> events = decode(TopicRange.read(bootstrap, Topics.EVENTS, start, documents, true),
                ModelJson.EVENTS::decode);
        Map<UUID, List<Long>> versions = new HashMap<>();
        Set<UUID> eventIds = new HashSet<>();
        long repeatedEventIds = 0;
        for (RecordedEvent e : events) {
            versions.computeIfAbsent(e.documentId(), d -> new ArrayList<>()).add(e.version());
            if (!eventIds.add(e.eventId())) {
                repeatedEventIds++;
            }
        }
        long gaps = 0;
        long repeats = 0;
        for (List<Long> seen : versions.values()) {
            long expected = 1;
            for (long v : seen) {
                if (v == expected) {
                    expected++;
                } else if (v < expected) {
                    repeats++;
                } else {
                    gaps += v - expected;
                    expected = v + 1;
                }
            }
        }
        lost.put("event versions missing (gaps)", gaps);
        duplicated.put("event versions repeated or out of order", repeats);
        duplicated.put("event ids repeated", repeatedEventIds);
        facts.put("events", (long) events.size());

        // 3. Jobs: exactly the committed events' jobs, each once.
        Map<UUID, Job> requested = new HashMap<>();
        events.forEach(e -> RequestedJobs.of(e.event()).ifPresent(j -> requested.put(j.jobId(), j)));
        List<Job> jobs = new ArrayList<>();
        jobs.addAll(decode(TopicRange.read(bootstrap, Topics.SCAN_JOBS, start, documents, true), ModelJson.JOBS::decode));
        List<Job> ocrRecords =
                decode(TopicRange.read(bootstrap, Topics.OCR_JOBS, start, documents, true), ModelJson.JOBS::decode);
        jobs.addAll(ocrRecords);
        Map<UUID, Integer> jobRecords = new HashMap<>();
        jobs.forEach(j -> jobRecords.merge(j.jobId(), 1, Integer::sum));
        lost.put("jobs named by an event but not on their topic",
                requested.keySet().stream().filter(id -> !jobRecords.containsKey(id)).count());
        duplicated.put("job records repeated", beyondOne(jobRecords));
        duplicated.put("jobs on a topic that no committed event names",
                jobRecords.keySet().stream().filter(id -> !requested.containsKey(id)).count());
        Map<UUID, Integer> scanJobs = new HashMap<>();
        Map<UUID, Integer> ocrJobs = new HashMap<>();
        jobRecords.keySet().stream().map(requested::get).filter(j -> j != null)
                .forEach(j -> (j.kind() == JobKind.SCAN ? scanJobs : ocrJobs).merge(j.documentId(), 1, Integer::sum));
        lost.put("documents without a scan job", missing(documents, scanJobs));
        lost.put("documents without an OCR job", missing(documents, ocrJobs));
        duplicated.put("scan jobs beyond one per document", beyondOne(scanJobs));
        duplicated.put("OCR jobs beyond one per document", beyondOne(ocrJobs));
        facts.put("scan jobs", scanJobs.values().stream().mapToLong(Integer::longValue).sum());
        facts.put("OCR jobs", ocrJobs.values().stream().mapToLong(Integer::longValue).sum());

        // 4. What the dead and the fenced wrote, invisible to read_committed readers.
        facts.put("aborted records (read_uncommitted - read_committed): events, OCR jobs, outcomes",
                (TopicRange.read(bootstrap, Topics.EVENTS, start, documents, false).size() - events.size()) + ", "
                + (TopicRange.read(bootstrap, Topics.OCR_JOBS, start, documents, false).size() - ocrRecords.size())
                + ", "
                + (TopicRange.read(bootstrap, Topics.COMMAND_OUTCOMES, start, documents, false).size()
                        - outcomes.size()));
        facts.put("documents", (long) documents.size());
        return new Verdict(lost, duplicated, facts);
    }

    /**
     * How long commands waited for their decision: the outcome's decidedAt minus its record timestamp, which
     * Streams copies from the command (its produce time). A takeover or a restart shows as the maximum.
     */
    private static String decisionWait(List<ConsumerRecord<String, byte[]>> records, List<CommandOutcome> outcomes) {
        Latencies waits = new Latencies();
        for (int i = 0; i < records.size(); i++) {
            waits.record(TimeUnit.MILLISECONDS.toNanos(
                    outcomes.get(i).decidedAt().toEpochMilli() - records.get(i).timestamp()));
        }
        if (waits.count() == 0) {
            return "n/a";
        }
        return "p50 %.2f s, p99 %.2f s, max %.1f s".formatted(waits.percentileMs(0.50) / 1000,
                waits.percentileMs(0.99) / 1000, waits.maxMs() / 1000);
    }

    private static <T> List<T> decode(List<ConsumerRecord<String, byte[]>> records,
            java.util.function.Function<byte[], T> decoder) {
        return records.stream().map(r -> decoder.apply(r.value())).toList();
    }

    private static long missing(Set<UUID> documents, Map<UUID, Integer> counts) {
        return documents.stream().filter(d -> !counts.containsKey(d)).count();
    }

    private static long beyondOne(Map<UUID, Integer> counts) {
        return counts.values().stream().mapToLong(c -> Math.max(0, c - 1)).sum();
    }

    /** The result: every count in {@code lost} and {@code duplicated} must be 0. */
    public record Verdict(Map<String, Long> lost, Map<String, Long> duplicated, Map<String, Object> facts) {
        public long totalLost() {
            return lost.values().stream().mapToLong(Long::longValue).sum();
        }

        public long totalDuplicated() {
            return duplicated.values().stream().mapToLong(Long::longValue).sum();
        }

        public boolean passed() {
            return totalLost() == 0 && totalDuplicated() == 0;
        }

        public String describe() {
            StringBuilder s = new StringBuilder();
            s.append("VERDICT: ").append(passed() ? "PASS" : "FAIL").append(" - lost ").append(totalLost())
                    .append(", duplicated ").append(totalDuplicated()).append('\n');
            facts.forEach((k, v) -> s.append("  ").append(k).append(": ").append(v).append('\n'));
            lost.forEach((k, v) -> s.append("  lost      ").append(k).append(": ").append(v).append('\n'));
            duplicated.forEach((k, v) -> s.append("  duplicated ").append(k).append(": ").append(v).append('\n'));
            return s.toString();
        }
    }
}
