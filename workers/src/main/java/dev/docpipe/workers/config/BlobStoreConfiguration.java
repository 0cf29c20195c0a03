package dev.docpipe.workers.config;

import dev.docpipe.blob.BlobStore;
import dev.docpipe.blob.BlobStoreSettings;
import java.io.IOException;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** The blob store the API stored uploads in; workers read files from it and store extracted text. */
@Configuration(proxyBeanMethods = false)
public class BlobStoreConfiguration {

    /**
     * {@code docpipe.blob.*} as {@link BlobStoreSettings}, which api-service's settings end in too, so
     * both read one set of keys with one set of defaults. An S3 store checks its bucket here; Spring
     * closes it.
     */
    @Bean
    @ConditionalOnMissingBean
    BlobStore blobStore(Environment environment) throws IOException {
        return Binder.get(environment).bindOrCreate("docpipe.blob", BlobStoreSettings.class).open();
    }

    /** Deadlines are compared against this clock; tests replace it. */
    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }
}
