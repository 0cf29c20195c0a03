package dev.docpipe.devstack;

import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where api-service and the workers keep files, as their environment says it: a local directory
 * (one host) or a bucket on an S3-compatible server (any number of hosts, no shared filesystem).
 */
public sealed interface BlobLocation {

    /** The {@code DOCPIPE_BLOB_*} variables the services' application.yml files read. */
    Map<String, String> environment();

    static BlobLocation directory(Path dir) {
        return new Directory(dir);
    }

    /** Path-style addressing with static credentials; the first service to start creates the bucket. */
    static BlobLocation s3(URI endpoint, String bucket, String accessKey, String secretKey) {
        return new S3Bucket(endpoint, bucket, accessKey, secretKey);
    }

    record Directory(Path dir) implements BlobLocation {
        @Override
        public Map<String, String> environment() {
            return Map.of("DOCPIPE_BLOB_DIR", dir.toString());
        }
    }

    record S3Bucket(URI endpoint, String bucket, String accessKey, String secretKey) implements BlobLocation {
        @Override
        public Map<String, String> environment() {
            Map<String, String> env = new LinkedHashMap<>();
            env.put("DOCPIPE_BLOB_STORE", "s3");
            env.put("DOCPIPE_BLOB_S3_ENDPOINT", endpoint.toString());
            env.put("DOCPIPE_BLOB_S3_BUCKET", bucket);
            env.put("DOCPIPE_BLOB_S3_ACCESS_KEY", accessKey);
            env.put("DOCPIPE_BLOB_S3_SECRET_KEY", secretKey);
            env.put("DOCPIPE_BLOB_S3_PATH_STYLE", "true");
            env.put("DOCPIPE_BLOB_S3_CREATE_BUCKET", "true");
            return env;
        }

        @Override
        public String toString() {
            // never the secret key: this ends up in logs
            return "S3Bucket[" + endpoint + "/" + bucket + "]";
        }
    }
}
