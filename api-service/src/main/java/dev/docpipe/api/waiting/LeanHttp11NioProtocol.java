package dev.docpipe.api.waiting;

import org.apache.coyote.http11.Http11NioProtocol;

/**
 * Tomcat's HTTP/1.1 NIO protocol with a configurable servlet response buffer. Tomcat sizes every response's output
 * buffer (a byte and a char buffer) from {@link #getDesiredBufferSize()}, which its HTTP/1.1 protocol leaves at the
 * 8 KiB default; a waiting request holds both for as long as it waits. Set as the connector's protocol class by
 * {@link WaitingConnections}, and its size as the connector property {@code responseBufferSize}.
 */
public class LeanHttp11NioProtocol extends Http11NioProtocol {
    private volatile int responseBufferSize = -1;

    /** Called by Tomcat's connector for the property {@code responseBufferSize}. */
    public void setResponseBufferSize(int responseBufferSize) {
        this.responseBufferSize = responseBufferSize;
    }

    public int getResponseBufferSize() {
        return responseBufferSize;
    }

    @Override
    public int getDesiredBufferSize() {
        return responseBufferSize;
    }
}
