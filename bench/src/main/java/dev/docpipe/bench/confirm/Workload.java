package dev.docpipe.bench.confirm;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * The same workload for every approach: {@code documents} scanned documents, each confirmed by
 * {@code confirmsPerDocument} different clients (distinct request ids: double taps, two devices), and each
 * of those requests retried with the same request id with probability {@code retryRate} (a client that
 * timed out and sent again while the first attempt may still be running). A document's requests are
 * adjacent in the queue, so concurrent clients hit the same document at the same time: contention by design.
 */
public record Workload(List<UUID> documents, List<Request> requests, int confirmsPerDocument, double retryRate,
        long seed) {

    public static Workload generate(int documents, int confirmsPerDocument, double retryRate, long seed) {
        Random random = new Random(seed);
        List<UUID> docs = new ArrayList<>(documents);
        List<Request> requests = new ArrayList<>();
        for (int d = 0; d < documents; d++) {
            UUID doc = new UUID(random.nextLong(), random.nextLong());
            docs.add(doc);
            for (int c = 0; c < confirmsPerDocument; c++) {
                UUID requestId = new UUID(random.nextLong(), random.nextLong());
                requests.add(new Request(requests.size(), doc, requestId, false));
                if (random.nextDouble() < retryRate) {
                    requests.add(new Request(requests.size(), doc, requestId, true));
                }
            }
        }
        return new Workload(List.copyOf(docs), List.copyOf(requests), confirmsPerDocument, retryRate, seed);
    }

    /** One more request per document with fresh ids ("the user taps confirm again later"). */
    public Workload lateRetries(long seed) {
        Random random = new Random(seed);
        List<Request> late = new ArrayList<>();
        for (UUID doc : documents) {
            late.add(new Request(late.size(), doc, new UUID(random.nextLong(), random.nextLong()), false));
        }
        return new Workload(documents, List.copyOf(late), 1, 0, seed);
    }

    public String describe() {
        return "%,d documents x %d confirming clients, %.0f %% of requests retried with the same id = %,d requests"
                .formatted(documents.size(), confirmsPerDocument, retryRate * 100, requests.size());
    }

    /** @param retry a resend of an earlier request (same request id) */
    public record Request(int index, UUID documentId, UUID requestId, boolean retry) {}
}
