package dev.docpipe.api.commands;

import dev.docpipe.api.deadletter.DeadLetters;
import dev.docpipe.model.Topics;
import dev.docpipe.model.json.ModelJson;
import dev.docpipe.model.json.RejectedRecordException;
import dev.docpipe.model.outcome.CommandOutcome;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Logs every outcome into {@code command_outcomes} for GET /api/v1/commands/{id}. One consumer group across
 * all API instances: each outcome is written once, by whichever instance owns its partition.
 */
@Component
public class OutcomeLogListener {
    public static final String GROUP = "docpipe-api-outcomes";

    private final CommandLog commandLog;
    private final DeadLetters deadLetters;

    public OutcomeLogListener(CommandLog commandLog, DeadLetters deadLetters) {
        this.commandLog = commandLog;
        this.deadLetters = deadLetters;
    }

    @KafkaListener(id = GROUP, groupId = GROUP, topics = Topics.COMMAND_OUTCOMES, batch = "true")
    public void onOutcomes(List<ConsumerRecord<String, byte[]>> records) {
        List<CommandOutcome> outcomes = new ArrayList<>(records.size());
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                outcomes.add(ModelJson.OUTCOMES.decode(record.value()));
            } catch (RejectedRecordException e) {
                // This group reads each record once across all instances: the one place to dead-letter it.
                deadLetters.send(record, e);
            }
        }
        commandLog.recordOutcomes(outcomes);
    }
}
