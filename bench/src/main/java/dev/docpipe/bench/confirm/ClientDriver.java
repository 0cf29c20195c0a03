package dev.docpipe.bench.confirm;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code clients} concurrent clients (virtual threads, closed loop: each sends its next request once it
 * has the answer to the previous one) work through the workload's queue in order.
 */
public final class ClientDriver {
    private ClientDriver() {}

    public static Log run(Approach approach, Workload workload, int clients) throws InterruptedException {
        return run(approach, workload, clients, new AtomicInteger());
    }

    /** @param answered incremented as requests are answered, for whoever schedules crashes by progress */
    public static Log run(Approach approach, Workload workload, int clients, AtomicInteger answered)
            throws InterruptedException {
        List<Workload.Request> requests = workload.requests();
        int n = requests.size();
        long[] start = new long[n];
        long[] end = new long[n];
        Status[] status = new Status[n];
        AtomicInteger next = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        long phaseStart = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            threads.add(Thread.ofVirtual().name("client-", c).start(() -> {
                int i;
                while ((i = next.getAndIncrement()) < n) {
                    start[i] = System.nanoTime();
                    Status s;
                    try {
                        s = approach.confirm(requests.get(i));
                    } catch (Exception e) {
                        s = e instanceof java.util.concurrent.TimeoutException ? Status.TIMEOUT : Status.ERROR_5XX;
                    }
                    status[i] = s;
                    end[i] = System.nanoTime();
                    answered.incrementAndGet();
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        return new Log(workload, start, end, status, phaseStart, System.nanoTime());
    }

    public record Log(Workload workload, long[] start, long[] end, Status[] status, long phaseStart, long phaseEnd) {
        public Map<Status, Integer> counts() {
            Map<Status, Integer> counts = new EnumMap<>(Status.class);
            for (Status s : Status.values()) {
                counts.put(s, 0);
            }
            for (Status s : status) {
                counts.merge(s, 1, Integer::sum);
            }
            return counts;
        }

        public long[] replyNanos() {
            long[] latency = new long[start.length];
            for (int i = 0; i < start.length; i++) {
                latency[i] = end[i] - start[i];
            }
            return latency;
        }

        /** Per document, the start of the earliest request answered 202: when the job was asked for. */
        public Map<UUID, Long> acceptedStart() {
            Map<UUID, Long> first = new HashMap<>();
            List<Workload.Request> requests = workload.requests();
            for (int i = 0; i < status.length; i++) {
                if (status[i] == Status.QUEUED_202) {
                    first.merge(requests.get(i).documentId(), start[i], Math::min);
                }
            }
            return first;
        }

        public double seconds() {
            return (phaseEnd - phaseStart) / 1e9;
        }
    }
}
