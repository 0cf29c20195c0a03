package dev.docpipe.api.commands;

import dev.docpipe.model.Topics;
import dev.docpipe.model.json.ModelJson;
import dev.docpipe.model.json.RejectedRecordException;
import dev.docpipe.model.outcome.CommandOutcome;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Logs every outcome into {@code command_outcomes} for GET /api/v1/commands/{id}. One consumer group across
 * all API instances: each outcome is written once, by whichever instance owns its partition.
 */
@Component
public class OutcomeLogListener {
    private static final Logger log = LoggerFactory.getLogger(OutcomeLogListener.class);
    public static final String GROUP = "docpipe-api-outcomes";

    private final CommandLog commandLog;

    public OutcomeLogListener(CommandLog commandLog) {
        this.commandLog = commandLog;
    }

    @KafkaListener(id = GROUP, groupId = GROUP, topics = Topics.COMMAND_OUTCOMES, batch = "true")
    public void onOutcomes(List<ConsumerRecord<String, byte[]>> records) {
        List<CommandOutcome> outcomes = new ArrayList<>(records.size());
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                outcomes.add(ModelJson.OUTCOMES.decode(record.value()));
            } catch (RejectedRecordException e) {
                log.warn("unreadable outcome at {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                        e.getMessage());
            }
        }
        commandLog.recordOutcomes(outcomes);
    }
}
