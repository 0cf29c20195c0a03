package dev.docpipe.api.config;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** {@code docpipe.blob.*}: where uploaded files are stored (content-addressed, see LocalDirectoryBlobStore). */
@ConfigurationProperties("docpipe.blob")
public record BlobProperties(@DefaultValue("./.docpipe-data/blobs") Path dir) {}
