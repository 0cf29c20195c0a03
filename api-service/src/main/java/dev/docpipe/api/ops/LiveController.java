package dev.docpipe.api.ops;

import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The live view as server-sent events. The page reads it with {@code fetch} rather than {@code EventSource}, because
 * an EventSource cannot send the operator's bearer token (and a token in the URL would end up in access logs).
 */
@RestController
@Hidden
public class LiveController {
    private final LiveFeed feed;

    public LiveController(LiveFeed feed) {
        this.feed = feed;
    }

    @GetMapping(path = "/ops/api/live", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public SseEmitter live() {
        return feed.subscribe();
    }
}
