package dev.docpipe.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code --blob-store s3}: the dev stack starts an S3 server over {@code <data-dir>/s3} and hands the
 * services (here: the environment printed for them with --infra-only) its bucket instead of a directory.
 */
class DevStackS3Test {
    @TempDir
    Path dataDir;

    @Test
    void theOptionDefaultsToLocalAndTakesS3AsTheHelpSpellsIt() {
        CommandLine parsed = DevStackMain.commandLine();
        parsed.parseArgs("--blob-store", "s3");

        assertThat(((DevStackMain) parsed.getCommand()).blobStore).isEqualTo(StackOptions.BlobStoreKind.S3);
        CommandLine none = DevStackMain.commandLine();
        none.parseArgs();
        assertThat(((DevStackMain) none.getCommand()).blobStore).isEqualTo(StackOptions.BlobStoreKind.LOCAL);
    }

    @Test
    void withBlobStoreS3TheServicesAreGivenABucketOnARunningS3Server() throws Exception {
        DataDir data = DataDir.at(dataDir);
        data.create();
        DevStack stack = new DevStack(new StackOptions(data, StackOptions.Mode.INFRA_ONLY, 0, 0, 0, RepoFiles.root(),
                StackOptions.BlobStoreKind.S3));
        try {
            String banner = stack.start();
            Map<String, String> env = EnvFile.read(data.envFile());

            assertThat(env).containsEntry("DOCPIPE_BLOB_STORE", "s3")
                    .containsEntry("DOCPIPE_BLOB_S3_BUCKET", DevStack.S3_BUCKET)
                    .containsEntry("DOCPIPE_BLOB_S3_PATH_STYLE", "true")
                    .containsKeys("DOCPIPE_BLOB_S3_ENDPOINT", "DOCPIPE_BLOB_S3_ACCESS_KEY", "DOCPIPE_BLOB_S3_SECRET_KEY")
                    .doesNotContainKey("DOCPIPE_BLOB_DIR");
            assertThat(banner).contains("S3           " + env.get("DOCPIPE_BLOB_S3_ENDPOINT"));
            // an unsigned request for the bucket nobody created yet: an S3 server answers with an S3 error document
            HttpResponse<String> anonymous = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(env.get("DOCPIPE_BLOB_S3_ENDPOINT") + "/" + DevStack.S3_BUCKET))
                            .timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(anonymous.statusCode()).isIn(403, 404);
            assertThat(anonymous.body()).containsPattern("<Error>\\s*<Code>(AccessDenied|NoSuchBucket)</Code>");
        } finally {
            stack.stop();
        }
    }
}
