package dev.docpipe.bench.peer;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * One side of the comparison as the clients see it: a port serving confirm-scan, the bearer token, the
 * documents, the process that serves them (killed in the crash variant) and where its OCR jobs go.
 */
interface Side {
    String name();

    int port();

    String token();

    /** The serving process and what it uses besides this JVM (PostgreSQL), for the CPU per request. */
    Set<Long> servingPids();

    /** The topic its OCR jobs are published to, keyed by document id. */
    String jobTopic();

    /** Fresh documents, scanned and not yet confirmed, for the crash variant; returns their paths. */
    List<String> scannedDocuments(int count) throws Exception;

    void kill9() throws Exception;

    /** Starts the killed server again; returns once it serves, throws if it does not {@code within}. */
    void restart(Duration within) throws Exception;
}
