package dev.docpipe.bench.peer;

import dev.docpipe.bench.confirm.OutboxRelay;
import dev.docpipe.bench.infra.Kafka;
import java.time.Duration;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The peer's relay ({@link OutboxRelay}) runs in the serving process, as it does in the services that
 * build it this way: a {@code kill -9} of the process stops both the requests and the relay.
 */
@Component
public class PeerRelay implements SmartLifecycle {
    /** Where the peer publishes its OCR jobs. */
    public static final String TOPIC = "bench.peer.jobs.ocr";

    private final KafkaProducer<String, byte[]> producer;
    private final OutboxRelay relay;
    private volatile boolean running;

    public PeerRelay(DataSource dataSource, @Value("${spring.kafka.bootstrap-servers}") String bootstrap,
            @Value("${peer.relay.batch:500}") int batch, @Value("${peer.relay.poll:5ms}") Duration poll) {
        this.producer = Kafka.producer(bootstrap, "peer-outbox-relay");
        this.relay = new OutboxRelay(dataSource, producer, TOPIC, batch, poll, Duration.ZERO);
    }

    @Override
    public void start() {
        relay.start();
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        try {
            relay.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(5));
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
