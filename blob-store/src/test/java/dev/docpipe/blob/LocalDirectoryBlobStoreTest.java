package dev.docpipe.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalDirectoryBlobStoreTest {
    @TempDir
    Path root;

    @Test
    void storesContentUnderItsSha256AndReadsItBack() throws Exception {
        BlobStore store = new LocalDirectoryBlobStore(root);

        StoredBlob blob = store.putText("hello");

        // sha256("hello")
        assertThat(blob.ref().value())
                .isEqualTo("sha256:2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824");
        assertThat(blob.sizeBytes()).isEqualTo(5);
        assertThat(store.readText(blob.ref())).isEqualTo("hello");
        assertThat(store.exists(blob.ref())).isTrue();
    }

    @Test
    void sameBytesStoredConcurrentlyGiveOneBlobAndNoLeftovers() throws Exception {
        BlobStore store = new LocalDirectoryBlobStore(root);
        byte[] content = "x".repeat(200_000).getBytes(StandardCharsets.UTF_8);
        List<Callable<StoredBlob>> writers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            writers.add(() -> store.put(new ByteArrayInputStream(content), content.length));
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<StoredBlob> stored = new ArrayList<>();
            for (Future<StoredBlob> f : pool.invokeAll(writers)) {
                stored.add(f.get());
            }
            assertThat(stored).extracting(StoredBlob::ref).containsOnly(stored.getFirst().ref());
            assertThat(store.read(stored.getFirst().ref())).isEqualTo(content);
        }
        try (var leftovers = Files.list(root.resolve("incoming"))) {
            assertThat(leftovers).isEmpty();
        }
    }

    @Test
    void refusesContentOverTheLimitAndKeepsNothing() throws Exception {
        BlobStore store = new LocalDirectoryBlobStore(root);

        assertThatThrownBy(() -> store.put(new ByteArrayInputStream(new byte[11]), 10))
                .isInstanceOf(BlobTooLargeException.class);
        try (var leftovers = Files.list(root.resolve("incoming"))) {
            assertThat(leftovers).isEmpty();
        }
    }

    @Test
    void unknownBlobIsNotFound() throws Exception {
        BlobStore store = new LocalDirectoryBlobStore(root);
        BlobRef missing = BlobRef.parse("sha256:" + "0".repeat(64));

        assertThat(store.exists(missing)).isFalse();
        assertThatThrownBy(() -> store.open(missing)).isInstanceOf(BlobNotFoundException.class);
    }

    @Test
    void referencesThatCouldEscapeTheDirectoryAreRefused() {
        for (String bad : List.of("../../etc/passwd", "sha256:../x", "sha256:" + "A".repeat(64), "", "md5:abc")) {
            assertThatThrownBy(() -> BlobRef.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
