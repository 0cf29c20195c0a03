package dev.docpipe.bench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docpipe.model.Topics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The curves' workload clock: in order per topic, in order per document across topics, and compact. */
class TopicSwitchClockTest {
    private static final String C = Topics.COMMANDS;
    private static final String R = Topics.JOB_RESULTS;

    @Test
    void movesOnOnlyWhereADocumentChangesTopicAtItsLastTimestamp() {
        TopicSwitchClock clock = new TopicSwitchClock(1_000);

        long register = clock.next(null, 0, C);
        long confirmOfAnother = clock.next(null, 0, C);
        long result = clock.next(C, register, R);
        long sameTopicAgain = clock.next(R, result, R);
        long backToCommands = clock.next(R, result, C);

        assertThat(register).isEqualTo(1_000);
        assertThat(confirmOfAnother).isEqualTo(1_000);
        assertThat(result).isEqualTo(1_001);
        assertThat(sameTopicAgain).isEqualTo(1_001);
        assertThat(backToCommands).isEqualTo(1_002);
    }

    @Test
    void interleavedDocumentsKeepEveryOrderKafkaStreamsNeedsWithinAFewTicks() {
        TopicSwitchClock clock = new TopicSwitchClock(0);
        Random random = new Random(42);
        String[] life = {C, R, C, C, R, C};
        List<Integer> active = new ArrayList<>();
        Map<Integer, Integer> step = new HashMap<>();
        Map<Integer, Long> last = new HashMap<>();
        Map<String, Long> newestPerTopic = new HashMap<>();
        int documents = 10_000;
        int next = 0;
        long records = 0;
        long newest = 0;
        while (next < documents || !active.isEmpty()) {
            while (active.size() < 1_000 && next < documents) {
                active.add(next++);
            }
            int slot = random.nextInt(active.size());
            int document = active.get(slot);
            int at = step.merge(document, 1, Integer::sum) - 1;
            String topic = life[at];
            long timestamp = at == 0 ? clock.next(null, 0, topic) : clock.next(life[at - 1], last.get(document), topic);

            if (at > 0 && !life[at - 1].equals(topic)) {
                assertThat(timestamp).isGreaterThan(last.get(document));
            }
            assertThat(timestamp).isGreaterThanOrEqualTo(newestPerTopic.getOrDefault(topic, 0L));
            newestPerTopic.put(topic, timestamp);
            last.put(document, timestamp);
            newest = Math.max(newest, timestamp);
            records++;
            if (at == life.length - 1) {
                active.remove(slot);
            }
        }
        // one millisecond per record would span 60,000 ms
        assertThat(newest).isLessThan(records / 10);
    }
}
