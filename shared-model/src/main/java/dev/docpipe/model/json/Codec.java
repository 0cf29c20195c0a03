package dev.docpipe.model.json;

/** Reads and writes one kind of record in its wire form (UTF-8 JSON with {@code schemaVersion}). */
public interface Codec<T> {
    /**
     * The {@code schemaVersion} this codec writes. Each record kind has its own; a reader of the kind
     * reads this version and every older one (upcast), and refuses newer ones.
     */
    int schemaVersion();

    byte[] encode(T value);

    /** @throws RejectedRecordException when the bytes are not a readable record of this kind */
    T decode(byte[] bytes);
}
