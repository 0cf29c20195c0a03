package dev.docpipe.cli.redrive;

import dev.docpipe.model.command.Command;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A record of the redriven range.
 *
 * @param command the decoded command, or null when the pipeline would dead-letter it ({@link #problem})
 */
record RedriveItem(ConsumerRecord<byte[], byte[]> record, Command command, String problem) {
    boolean readable() {
        return command != null;
    }
}
