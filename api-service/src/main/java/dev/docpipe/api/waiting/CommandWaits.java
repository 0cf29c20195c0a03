package dev.docpipe.api.waiting;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.docpipe.api.commands.OutcomeWaiterLifecycle;
import dev.docpipe.model.outcome.CommandOutcome;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.springframework.stereotype.Component;

/**
 * Long-polls of GET /commands/{id} waiting for an outcome. Every instance reads every outcome (OutcomeWaiter), so a
 * wait held on any instance ends when the outcome is decided. The command_outcomes table is written by one
 * instance's group member and may trail the topic; outcomes seen in the last seconds are kept here (bounded), so a
 * wait that starts after the outcome passed by but before the table has it still ends at once. (Should the table
 * trail by more, the wait still ends when it times out: the controller then reads the table again.)
 */
@Component
public class CommandWaits {
    private final Map<UUID, Set<Consumer<CommandOutcome>>> waiting = new ConcurrentHashMap<>();
    private final Cache<UUID, CommandOutcome> recent = Caffeine.newBuilder()
            .maximumSize(10_000).expireAfterWrite(Duration.ofSeconds(10)).build();

    public CommandWaits(OutcomeWaiterLifecycle outcomes) {
        outcomes.waiter().addListener(this::decided);
    }

    private void decided(CommandOutcome outcome) {
        recent.put(outcome.commandId(), outcome); // before telling the waiters: see await
        Set<Consumer<CommandOutcome>> listeners = waiting.get(outcome.commandId());
        if (listeners != null) {
            listeners.forEach(l -> l.accept(outcome));
        }
    }

    /**
     * Calls {@code listener} once the outcome is known (at once if it was seen lately); it runs on the outcome
     * consumer's thread, so it must not block.
     */
    public ChangeSubscribers.Subscription await(UUID commandId, Consumer<CommandOutcome> listener) {
        waiting.compute(commandId, (k, set) -> {
            Set<Consumer<CommandOutcome>> listeners = set == null ? ConcurrentHashMap.newKeySet() : set;
            listeners.add(listener);
            return listeners;
        });
        // registered first, then looked: an outcome arriving in between is seen by one or the other
        CommandOutcome seen = recent.getIfPresent(commandId);
        if (seen != null) {
            listener.accept(seen);
        }
        return () -> waiting.computeIfPresent(commandId, (k, set) -> {
            set.remove(listener);
            return set.isEmpty() ? null : set;
        });
    }

    public int waitingCount() {
        return waiting.values().stream().mapToInt(Set::size).sum();
    }
}
