package dev.docpipe.api.waiting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.apache.catalina.connector.Connector;
import org.junit.jupiter.api.Test;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.util.unit.DataSize;

class WaitingConnectionsTest {

    @Test
    void theConnectorGetsTheConfiguredBuffersAndTheProtocolThatSizesTheResponseBuffer() {
        TomcatServletWebServerFactory factory = new TomcatServletWebServerFactory();
        new WaitingConnections(new ConnectionFootprint(DataSize.ofBytes(1024), DataSize.ofBytes(2048),
                DataSize.ofBytes(3072), DataSize.ofBytes(512))).customize(factory);

        Connector connector = new Connector(factory.getProtocol());
        factory.getConnectorCustomizers().forEach(customizer -> customizer.customize(connector));

        assertThat(connector.getProtocolHandler()).isInstanceOf(LeanHttp11NioProtocol.class);
        LeanHttp11NioProtocol protocol = (LeanHttp11NioProtocol) connector.getProtocolHandler();
        // what Tomcat sizes each response's output buffer (bytes and chars) from
        assertThat(protocol.getDesiredBufferSize()).isEqualTo(3072);
        assertThat(protocol.getMaxTrailerSize()).isEqualTo(512);
        assertThat(connector.getProperty("socket.appReadBufSize")).hasToString("1024");
        assertThat(connector.getProperty("socket.appWriteBufSize")).hasToString("2048");
    }

    @Test
    void withoutASizeTheProtocolKeepsTomcatsDefault() {
        assertThat(new LeanHttp11NioProtocol().getDesiredBufferSize()).isEqualTo(-1);
    }

    @Test
    void buffersTooSmallToHoldARequestLineAreRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> new ConnectionFootprint(DataSize.ofBytes(16),
                DataSize.ofKilobytes(2), DataSize.ofKilobytes(2), DataSize.ofKilobytes(1)))
                .withMessageContaining("socket-read-buffer");
    }
}
