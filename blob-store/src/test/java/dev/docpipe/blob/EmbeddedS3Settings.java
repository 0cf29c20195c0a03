package dev.docpipe.blob;

import dev.docpipe.localinfra.EmbeddedS3;

/** Settings for a store on a bucket of an {@link EmbeddedS3}, created when the store connects. */
final class EmbeddedS3Settings {
    private EmbeddedS3Settings() {}

    static S3BlobStoreSettings on(EmbeddedS3 server, String bucket) {
        return S3BlobStoreSettings.compatible(server.endpoint(), bucket, EmbeddedS3.ACCESS_KEY, EmbeddedS3.SECRET_KEY)
                .withCreateBucket(true);
    }
}
