package dev.docpipe.workers.config;

import dev.docpipe.blob.BlobStore;
import dev.docpipe.blob.LocalDirectoryBlobStore;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The blob store the API stored uploads in; workers read files from it and store extracted text. */
@Configuration(proxyBeanMethods = false)
public class BlobStoreConfiguration {

    @Bean
    @ConditionalOnMissingBean
    BlobStore blobStore(@Value("${docpipe.blob.dir:./.docpipe-data/blobs}") Path dir) throws IOException {
        return new LocalDirectoryBlobStore(dir);
    }

    /** Deadlines are compared against this clock; tests replace it. */
    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }
}
