package dev.docpipe.api.changes;

import java.io.IOException;
import java.time.Duration;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** A change stream on the main port: Spring MVC's emitter (which serialises sends itself). */
final class SseEmitterSink implements ChangeSink {
    private final SseEmitter emitter;

    SseEmitterSink(SseEmitter emitter) {
        this.emitter = emitter;
    }

    @Override
    public void open(Duration reconnect, String comment) throws IOException {
        emitter.send(SseEmitter.event().reconnectTime(reconnect.toMillis()).comment(comment));
    }

    @Override
    public void send(ChangeEvent event) throws IOException {
        emitter.send(SseEmitter.event().id(Long.toString(event.position())).data(event, MediaType.APPLICATION_JSON));
    }

    @Override
    public void comment(String comment) throws IOException {
        emitter.send(SseEmitter.event().comment(comment));
    }

    @Override
    public void complete() {
        emitter.complete();
    }
}
