package dev.docpipe.api.config;

import dev.docpipe.api.problems.ProblemErrorReportValve;
import dev.docpipe.blob.BlobStore;
import jakarta.servlet.MultipartConfigElement;
import java.io.IOException;
import org.apache.catalina.Pipeline;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.tomcat.util.buf.EncodedSolidusHandling;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.boot.servlet.MultipartConfigFactory;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
public class InfrastructureConfig {

    /** An S3 store checks its bucket here, so a wrong setting stops the start-up; Spring closes it. */
    @Bean
    BlobStore blobStore(BlobProperties properties) throws IOException {
        return properties.settings().open();
    }

    /** The API's own tables (spring.flyway.*), one instance at a time like the read model's and document_keys. */
    @Bean
    FlywayMigrationStrategy serializedApiMigrations() {
        return flyway -> SchemaMigrationLock.around(flyway.getConfiguration().getDataSource(), flyway::migrate);
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

    @Bean
    ProblemErrorPages problemErrorPages(JsonMapper json) {
        return new ProblemErrorPages(json);
    }

    /**
     * Requests Tomcat refuses itself (illegal characters in the target, oversized request line or
     * headers, bad Content-Length or chunking) never reach Spring: the host's error report valve answers
     * them. Replaces the HTML valve (Spring Boot's customizer installs one, hence the lowest precedence)
     * with {@link ProblemErrorReportValve}.
     */
    static final class ProblemErrorPages implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory>,
            Ordered {
        private final JsonMapper json;

        ProblemErrorPages(JsonMapper json) {
            this.json = json;
        }

        @Override
        public void customize(ConfigurableTomcatWebServerFactory factory) {
            factory.addContextCustomizers(context -> {
                Pipeline host = context.getParent().getPipeline();
                for (Valve valve : host.getValves()) {
                    if (valve instanceof ErrorReportValve) {
                        host.removeValve(valve);
                    }
                }
                host.addValve(new ProblemErrorReportValve(json));
                if (context.getParent() instanceof StandardHost standardHost) {
                    // so that the host does not add its default (HTML) valve when it starts
                    standardHost.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
                }
            });
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }
}
