package dev.docpipe.api.waiting;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Sizes Tomcat's per-connection buffers from {@link ConnectionFootprint}: thousands of long-polls and change streams
 * each hold a connection with its request in progress, and with Tomcat's defaults the buffers of one such request
 * are most of what a waiting client costs the heap (docs/performance.md, "Waiting clients").
 */
@Component
public class WaitingConnections implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {
    private final ConnectionFootprint footprint;

    public WaitingConnections(ConnectionFootprint footprint) {
        this.footprint = footprint;
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.setProtocol(LeanHttp11NioProtocol.class.getName());
        factory.addConnectorCustomizers(connector -> {
            set(connector, "socket.appReadBufSize", footprint.socketReadBuffer().toBytes());
            set(connector, "socket.appWriteBufSize", footprint.socketWriteBuffer().toBytes());
            set(connector, "responseBufferSize", footprint.responseBuffer().toBytes());
            set(connector, "maxTrailerSize", footprint.maxTrailerSize().toBytes());
        });
    }

    private static void set(org.apache.catalina.connector.Connector connector, String property, long value) {
        if (!connector.setProperty(property, Long.toString(value))) {
            throw new IllegalStateException("Tomcat's connector has no property " + property);
        }
    }
}
