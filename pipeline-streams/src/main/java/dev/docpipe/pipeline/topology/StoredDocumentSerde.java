package dev.docpipe.pipeline.topology;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** The {@code documents} store's values for Kafka Streams, in the format of {@link StoredDocumentLayout}. */
public final class StoredDocumentSerde implements Serde<StoredDocument> {
    public static byte[] encode(StoredDocument value) {
        return StoredDocumentLayout.encode(value);
    }

    /** @throws org.apache.kafka.common.errors.SerializationException for a value of an unknown format or damaged */
    public static StoredDocument decode(byte[] bytes) {
        return StoredDocumentLayout.decode(bytes);
    }

    @Override
    public Serializer<StoredDocument> serializer() {
        return (topic, value) -> value == null ? null : encode(value);
    }

    @Override
    public Deserializer<StoredDocument> deserializer() {
        return (topic, bytes) -> bytes == null ? null : decode(bytes);
    }
}
