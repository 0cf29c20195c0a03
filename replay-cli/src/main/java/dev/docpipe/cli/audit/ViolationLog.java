package dev.docpipe.cli.audit;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Collects violations: all counted, the first {@code keep} kept for the report. */
final class ViolationLog implements Consumer<Violation> {
    private final int keep;
    private final List<Violation> kept = new ArrayList<>();
    private final Map<ViolationType, Long> byType = new EnumMap<>(ViolationType.class);
    private long total;

    ViolationLog(int keep) {
        this.keep = keep;
    }

    @Override
    public void accept(Violation violation) {
        total++;
        byType.merge(violation.type(), 1L, Long::sum);
        if (kept.size() < keep) {
            kept.add(violation);
        }
    }

    long total() {
        return total;
    }

    List<Violation> kept() {
        return kept;
    }

    Map<ViolationType, Long> byType() {
        return byType;
    }

    long count(Invariant invariant) {
        return byType.entrySet().stream().filter(e -> e.getKey().invariant() == invariant)
                .mapToLong(Map.Entry::getValue).sum();
    }
}
