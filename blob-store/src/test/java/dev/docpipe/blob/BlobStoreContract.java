package dev.docpipe.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link BlobStore} promises, run against each implementation by a subclass: content
 * addressing, byte-exact round trips of streams of unknown length, the size limit, not-found and
 * idempotent deletion.
 */
abstract class BlobStoreContract {
    private static final String HELLO_SHA256 = "sha256:2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824";
    private static final String EMPTY_SHA256 = "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    protected BlobStore store;

    /** A fresh store for one test. */
    protected abstract BlobStore newStore() throws Exception;

    /** Where the store keeps an upload before it is in place: empty between calls. */
    protected abstract Path spoolDirectory();

    @BeforeEach
    void openStore() throws Exception {
        store = newStore();
    }

    @AfterEach
    void closeStore() throws Exception {
        if (store instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }

    @Test
    void storesContentUnderItsSha256AndReadsItBack() throws Exception {
        StoredBlob blob = store.putText("hello");

        assertThat(blob.ref().value()).isEqualTo(HELLO_SHA256);
        assertThat(blob.sizeBytes()).isEqualTo(5);
        assertThat(store.readText(blob.ref())).isEqualTo("hello");
        assertThat(store.exists(blob.ref())).isTrue();
    }

    @Test
    void emptyContentIsABlobToo() throws Exception {
        StoredBlob blob = store.put(InputStream.nullInputStream(), 10);

        assertThat(blob.ref().value()).isEqualTo(EMPTY_SHA256);
        assertThat(store.read(blob.ref())).isEmpty();
    }

    @Test
    void aLargeStreamOfUnknownLengthRoundTripsByteForByte() throws Exception {
        long size = 6L * 1024 * 1024 + 123;
        String expected = sha256Of(new PseudoRandomStream(size, 42));

        // the stream is generated while it is read, so neither side can know its length in advance
        StoredBlob blob = store.put(new PseudoRandomStream(size, 42), size);

        assertThat(blob.ref().value()).isEqualTo(expected);
        assertThat(blob.sizeBytes()).isEqualTo(size);
        try (InputStream in = store.open(blob.ref())) {
            assertThat(sha256Of(in)).as("SHA-256 of the bytes read back").isEqualTo(expected);
        }
        assertSpoolIsEmpty();
    }

    @Test
    void sameBytesStoredConcurrentlyGiveOneBlob() throws Exception {
        byte[] content = "x".repeat(200_000).getBytes(StandardCharsets.UTF_8);
        List<Callable<StoredBlob>> writers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            writers.add(() -> store.put(new ByteArrayInputStream(content), content.length));
        }
        List<StoredBlob> stored = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(6)) {
            for (Future<StoredBlob> f : pool.invokeAll(writers)) {
                stored.add(f.get());
            }
        }

        assertThat(stored).extracting(StoredBlob::ref).containsOnly(stored.getFirst().ref());
        assertThat(store.read(stored.getFirst().ref())).isEqualTo(content);
        assertSpoolIsEmpty();
    }

    @Test
    void refusesContentOverTheLimitAndKeepsNothing() throws Exception {
        byte[] eleven = "hello world".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> store.put(new ByteArrayInputStream(eleven), 10))
                .isInstanceOf(BlobTooLargeException.class);
        assertThat(store.exists(BlobRef.parse(sha256Of(new ByteArrayInputStream(eleven))))).isFalse();
        assertSpoolIsEmpty();
    }

    @Test
    void unknownBlobIsNotFound() throws Exception {
        BlobRef missing = BlobRef.parse("sha256:" + "0".repeat(64));

        assertThat(store.exists(missing)).isFalse();
        assertThatThrownBy(() -> store.open(missing)).isInstanceOf(BlobNotFoundException.class)
                .hasMessageContaining(missing.value());
    }

    @Test
    void deleteRemovesOnlyThatBlobAndCanBeRepeated() throws Exception {
        StoredBlob erased = store.putText("a child's report card");
        StoredBlob kept = store.putText("another child's report card");

        store.delete(erased.ref());
        store.delete(erased.ref());

        assertThat(store.exists(erased.ref())).isFalse();
        assertThatThrownBy(() -> store.open(erased.ref())).isInstanceOf(BlobNotFoundException.class);
        assertThat(store.readText(kept.ref())).isEqualTo("another child's report card");
    }

    @Test
    void deletingABlobThatWasNeverStoredIsNoError() throws Exception {
        store.delete(BlobRef.parse("sha256:" + "1".repeat(64)));
    }

    @Test
    void aDeletedBlobCanBeStoredAgain() throws Exception {
        StoredBlob first = store.putText("hello");
        store.delete(first.ref());

        StoredBlob again = store.putText("hello");

        assertThat(again).isEqualTo(first);
        assertThat(store.readText(again.ref())).isEqualTo("hello");
    }

    private void assertSpoolIsEmpty() throws IOException {
        try (var leftovers = Files.list(spoolDirectory())) {
            assertThat(leftovers).as("files left in " + spoolDirectory()).isEmpty();
        }
    }

    static String sha256Of(InputStream in) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (DigestInputStream hashing = new DigestInputStream(in, digest)) {
            hashing.transferTo(OutputStreamSink.INSTANCE);
        }
        return "sha256:" + HexFormat.of().formatHex(digest.digest());
    }

    /** Discards what it is given; only the digest on the way matters. */
    private static final class OutputStreamSink extends java.io.OutputStream {
        static final OutputStreamSink INSTANCE = new OutputStreamSink();

        @Override
        public void write(int b) {}

        @Override
        public void write(byte[] b, int off, int len) {}
    }

    /** {@code size} reproducible pseudo-random bytes, made as they are read and never held whole. */
    static final class PseudoRandomStream extends InputStream {
        private final Random random;
        private long remaining;

        PseudoRandomStream(long size, long seed) {
            this.random = new Random(seed);
            this.remaining = size;
        }

        @Override
        public int read() {
            if (remaining == 0) {
                return -1;
            }
            remaining--;
            return random.nextInt(256);
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (remaining == 0) {
                return -1;
            }
            int n = (int) Math.min(len, remaining);
            for (int i = 0; i < n; i++) {
                b[off + i] = (byte) random.nextInt(256);
            }
            remaining -= n;
            return n;
        }
    }
}
