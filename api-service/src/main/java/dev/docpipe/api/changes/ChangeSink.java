package dev.docpipe.api.changes;

import java.io.IOException;
import java.time.Duration;

/**
 * Where one change stream's lines go: a servlet's {@link SseEmitterSink} on the main port, an event loop's response
 * on the wait listener. Calls may come from two threads at once (a send and a heartbeat): an implementation
 * serialises them. A send to a client that is gone throws, and the stream ends.
 */
public interface ChangeSink {
    /** The opening lines: the client's reconnect delay and a comment. */
    void open(Duration reconnect, String comment) throws IOException;

    /** One change: an event with id = its position and data = its JSON. */
    void send(ChangeEvent event) throws IOException;

    /** A comment line (a heartbeat). */
    void comment(String comment) throws IOException;

    /** Ends the stream; the client resumes with Last-Event-ID. */
    void complete();
}
