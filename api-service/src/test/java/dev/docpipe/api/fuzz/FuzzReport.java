package dev.docpipe.api.fuzz;

import static dev.docpipe.api.fuzz.Bytes.printable;

import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tallies outcomes from concurrent callers and sorts every unacceptable one into its kind of failure,
 * each with the request that caused it, then renders the figures as Markdown tables.
 */
public final class FuzzReport {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Failures listed per kind: enough to see a pattern without drowning the log. */
    private static final int SAMPLES = 15;

    private final Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
    private final Map<String, Map<Integer, LongAdder>> byCategory = new ConcurrentHashMap<>();
    private final Queue<String> serverErrors = new ConcurrentLinkedQueue<>();
    private final Queue<String> nonProblems = new ConcurrentLinkedQueue<>();
    private final Queue<String> problemsWithoutCode = new ConcurrentLinkedQueue<>();
    private final Queue<String> unexpectedSuccess = new ConcurrentLinkedQueue<>();
    private final Queue<String> noResponse = new ConcurrentLinkedQueue<>();
    // a command that got through is found on the topic by id: this names the request that sent it
    private final Map<String, String> byCommandId = new ConcurrentHashMap<>();
    private final LongAdder rawCount = new LongAdder();

    public void record(FuzzRequest req, FuzzSender.Outcome o) {
        if (req.raw() != null) {
            rawCount.increment();
        }
        statuses.computeIfAbsent(o.status(), s -> new LongAdder()).increment();
        byCategory.computeIfAbsent(req.category(), c -> new ConcurrentHashMap<>())
                .computeIfAbsent(o.status(), s -> new LongAdder()).increment();
        String seen = req.describe() + " -> " + o.status() + " " + o.contentType() + " "
                + (o.failure() != null ? o.failure() : printable(o.body(), 200));
        String commandId = commandId(o.body());
        if (commandId != null) {
            byCommandId.put(commandId, seen);
        }
        if (o.status() < 0) {
            noResponse.add(seen);
        } else if (o.status() >= 500) {
            serverErrors.add(seen);
        } else if (o.status() >= 400) {
            if (!o.contentType().startsWith("application/problem+json")) {
                nonProblems.add(seen);
            } else if (!"HEAD".equals(req.method()) && !hasCode(o.body())) { // HEAD answers carry no body
                problemsWithoutCode.add(seen);
            }
        } else if (o.status() < 300 && !req.may2xx()) {
            unexpectedSuccess.add(seen);
        }
    }

    public Queue<String> serverErrors() {
        return serverErrors;
    }

    public Queue<String> nonProblems() {
        return nonProblems;
    }

    public Queue<String> problemsWithoutCode() {
        return problemsWithoutCode;
    }

    public Queue<String> unexpectedSuccess() {
        return unexpectedSuccess;
    }

    public Queue<String> noResponse() {
        return noResponse;
    }

    /**
     * @param commands records produced to the commands topic during the run
     * @param leakedCommands the values of those records, to name the request behind each
     */
    public String render(long seed, int requests, int concurrency, double seconds, long commands,
            List<String> leakedCommands) {
        StringBuilder out = new StringBuilder();
        out.append(String.format("seed %d | requests %d (%d raw-socket) | concurrency %d | %.1f s | %.0f req/s%n",
                seed, requests, rawCount.sum(), concurrency, seconds, requests / seconds));
        out.append("| status | count |\n|---:|---:|\n");
        new TreeMap<>(statuses).forEach((s, n) -> out.append(String.format("| %s | %d |%n",
                s < 0 ? "no response" : s.toString(), n.sum())));
        out.append("| figure | value | required |\n|---|---:|---:|\n");
        out.append(String.format("| requests sent | %d | >= 10000 |%n", requests));
        out.append(String.format("| 5xx | %d | 0 |%n", serverErrors.size()));
        out.append(String.format("| errors not application/problem+json | %d | 0 |%n", nonProblems.size()));
        out.append(String.format("| problem bodies without a code | %d | 0 |%n", problemsWithoutCode.size()));
        out.append(String.format("| unexpected 2xx | %d | 0 |%n", unexpectedSuccess.size()));
        out.append(String.format("| no response | %d | 0 |%n", noResponse.size()));
        out.append(String.format("| records on docpipe.commands during the fuzz | %d | 0 |%n", commands));
        out.append("| category | requests | statuses |\n|---|---:|---|\n");
        new TreeMap<>(byCategory).forEach((c, h) -> {
            long n = h.values().stream().mapToLong(LongAdder::sum).sum();
            StringBuilder s = new StringBuilder();
            new TreeMap<>(h).forEach((status, count) -> s.append(status).append('×').append(count.sum()).append(' '));
            out.append(String.format("| %s | %d | %s|%n", c, n, s));
        });
        for (var failures : List.of(Map.entry("5xx", serverErrors), Map.entry("non-problem errors", nonProblems),
                Map.entry("problems without code", problemsWithoutCode),
                Map.entry("unexpected 2xx", unexpectedSuccess), Map.entry("no response", noResponse))) {
            failures.getValue().stream().limit(SAMPLES).forEach(f -> out.append(failures.getKey()).append(": ")
                    .append(f).append('\n'));
        }
        for (String command : leakedCommands) {
            String id = JSON.readTree(command).path("commandId").asString("");
            out.append("COMMAND ").append(command).append("\n  sent by ")
                    .append(byCommandId.getOrDefault(id, "(no response named it)")).append('\n');
        }
        return out.toString();
    }

    private static String commandId(byte[] body) {
        // only a JSON object names a command: skip everything else unparsed
        if (body.length == 0 || body.length > 100_000 || body[0] != '{') {
            return null;
        }
        try {
            String id = JSON.readTree(body).path("commandId").asString(null);
            return id == null || id.isEmpty() ? null : id;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static boolean hasCode(byte[] body) {
        try {
            JsonNode node = JSON.readTree(body);
            return node.path("code").isString() && !node.path("code").asString().isEmpty()
                    && node.path("status").isNumber();
        } catch (RuntimeException e) {
            return false;
        }
    }
}
