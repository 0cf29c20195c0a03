package dev.docpipe.api.waiting;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code docpipe.api.connections.*}: the buffers Tomcat allocates for every connection with a request in progress.
 * A long-poll or a change stream keeps its request in progress for as long as it waits, so each of these is paid
 * once per waiting client, for minutes; Tomcat's defaults (8 KiB each) suit requests that last milliseconds.
 * Smaller buffers cost nothing to larger transfers: Tomcat reads and writes around a socket buffer that is smaller
 * than the data, and a response larger than its buffer is sent in chunks.
 *
 * @param socketReadBuffer the socket's read buffer ({@code socket.appReadBufSize})
 * @param socketWriteBuffer the socket's write buffer ({@code socket.appWriteBufSize}): a response of up to this
 *     size (headers and body) leaves in one write
 * @param responseBuffer the servlet response's buffer (bytes, and as many chars): a body up to this size is sent
 *     with Content-Length, a larger one in chunks
 * @param maxTrailerSize the largest trailer section of a chunked request (the API reads no trailers)
 */
@ConfigurationProperties("docpipe.api.connections")
public record ConnectionFootprint(
        @DefaultValue("1KB") DataSize socketReadBuffer,
        @DefaultValue("2KB") DataSize socketWriteBuffer,
        @DefaultValue("2KB") DataSize responseBuffer,
        @DefaultValue("1KB") DataSize maxTrailerSize) {
    public ConnectionFootprint {
        requireAtLeast("socket-read-buffer", socketReadBuffer, 256);
        requireAtLeast("socket-write-buffer", socketWriteBuffer, 256);
        requireAtLeast("response-buffer", responseBuffer, 256);
        requireAtLeast("max-trailer-size", maxTrailerSize, 64);
    }

    private static void requireAtLeast(String name, DataSize size, long bytes) {
        if (size.toBytes() < bytes || size.toBytes() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("docpipe.api.connections." + name + " must be at least " + bytes
                    + " bytes");
        }
    }
}
