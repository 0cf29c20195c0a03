package dev.docpipe.model.document.impure;

import org.apache.kafka.clients.producer.ProducerRecord;

/** A deliberate violation for {@code RulesCatchViolationsTest}: never imported by the real rules. */
public final class SendsToKafka {

    public ProducerRecord<String, String> record() {
        return new ProducerRecord<>("docpipe.jobs.ocr", "key", "value");
    }
}
