package dev.docpipe.model.json;

/** Reads and writes one kind of record in its wire form (UTF-8 JSON with {@code schemaVersion}). */
public interface Codec<T> {
    byte[] encode(T value);

    /** @throws RejectedRecordException when the bytes are not a readable record of this kind */
    T decode(byte[] bytes);
}
