package dev.docpipe.blob;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class LocalDirectoryBlobStoreContractTest extends BlobStoreContract {
    @TempDir
    Path root;

    @Override
    protected BlobStore newStore() throws Exception {
        return new LocalDirectoryBlobStore(root);
    }

    @Override
    protected Path spoolDirectory() {
        return root.resolve("incoming");
    }
}
