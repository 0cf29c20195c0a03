package dev.docpipe.pipeline.topology;

import dev.docpipe.model.event.RecordedEvent;
import dev.docpipe.model.job.Job;
import dev.docpipe.model.json.ModelJson;
import dev.docpipe.model.outcome.CommandOutcome;

/**
 * How a decision's outputs become bytes. Production uses {@link #JSON}; tests put a failing one in its
 * place to prove that a decision whose output cannot be encoded changes nothing.
 */
interface OutputEncoder {
    OutputEncoder JSON = new OutputEncoder() {
        @Override
        public byte[] event(RecordedEvent event) {
            return ModelJson.EVENTS.encode(event);
        }

        @Override
        public byte[] job(Job job) {
            return ModelJson.JOBS.encode(job);
        }

        @Override
        public byte[] outcome(CommandOutcome outcome) {
            return ModelJson.OUTCOMES.encode(outcome);
        }
    };

    byte[] event(RecordedEvent event);

    byte[] job(Job job);

    byte[] outcome(CommandOutcome outcome);
}
