package dev.docpipe.api.config;

import dev.docpipe.blob.BlobStore;
import dev.docpipe.blob.LocalDirectoryBlobStore;
import jakarta.servlet.MultipartConfigElement;
import java.io.IOException;
import org.apache.tomcat.util.buf.EncodedSolidusHandling;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.boot.servlet.MultipartConfigFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

@Configuration(proxyBeanMethods = false)
public class InfrastructureConfig {

    @Bean
    BlobStore blobStore(BlobProperties properties) throws IOException {
        return new LocalDirectoryBlobStore(properties.dir());
    }

    /** The file may be max-upload-size; the multipart envelope around it gets a little more. */
    @Bean
    MultipartConfigElement multipartConfigElement(ApiProperties properties) {
        MultipartConfigFactory factory = new MultipartConfigFactory();
        factory.setMaxFileSize(properties.maxUploadSize());
        factory.setMaxRequestSize(DataSize.ofBytes(properties.maxUploadSize().toBytes() + DataSize.ofKilobytes(64).toBytes()));
        factory.setFileSizeThreshold(DataSize.ofMegabytes(1));
        return factory.createMultipartConfig();
    }

    /**
     * Encoded slashes ({@code %2F}) reach Spring Security's firewall, which refuses them with a 400 that
     * our error page renders as problem+json, instead of Tomcat answering with its own HTML page.
     */
    @Bean
    TomcatConnectorCustomizer encodedSlashesToTheFirewall() {
        return connector -> connector.setEncodedSolidusHandling(EncodedSolidusHandling.PASS_THROUGH.getValue());
    }
}
