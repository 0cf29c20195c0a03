package dev.docpipe.pipeline.topology;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Writes the primitives of the documents store's binary format ({@link StoredDocumentLayout}) into a
 * growing byte array: no streams, no copies until the end.
 */
final class BinaryWriter {
    private byte[] buf;
    private int pos;

    BinaryWriter(int capacity) {
        buf = new byte[capacity];
    }

    void write(int b) {
        ensure(1);
        buf[pos++] = (byte) b;
    }

    void varint(int value) {
        varlong(value);
    }

    void varlong(long value) {
        ensure(10);
        long v = (value << 1) ^ (value >> 63); // zig-zag: small negatives stay small
        while ((v & ~0x7FL) != 0) {
            buf[pos++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buf[pos++] = (byte) v;
    }

    void uuid(UUID id) {
        ensure(16);
        putLong(id.getMostSignificantBits());
        putLong(id.getLeastSignificantBits());
    }

    void nullableUuid(UUID id) {
        write(id == null ? 0 : 1);
        if (id != null) {
            uuid(id);
        }
    }

    private void putLong(long v) {
        for (int shift = 56; shift >= 0; shift -= 8) {
            buf[pos++] = (byte) (v >>> shift);
        }
    }

    void string(String s) {
        if (s == null) {
            varint(0);
            return;
        }
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        varint(utf8.length + 1);
        ensure(utf8.length);
        System.arraycopy(utf8, 0, buf, pos, utf8.length);
        pos += utf8.length;
    }

    void strings(List<String> list) {
        if (list == null) {
            varint(0);
            return;
        }
        varint(list.size() + 1);
        for (String s : list) {
            string(s);
        }
    }

    void nullableInt(Integer value) {
        write(value == null ? 0 : 1);
        if (value != null) {
            varint(value);
        }
    }

    void enumValue(Enum<?> value) {
        varint(value == null ? 0 : value.ordinal() + 1);
    }

    void instant(Instant t) {
        varlong(t.getEpochSecond());
        varint(t.getNano());
    }

    void nullableInstant(Instant t) {
        write(t == null ? 0 : 1);
        if (t != null) {
            instant(t);
        }
    }

    private void ensure(int more) {
        if (pos + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + more));
        }
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, pos);
    }
}
