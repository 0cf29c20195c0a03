package dev.docpipe.pipeline.topology;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Reads the primitives {@link BinaryWriter} writes. Every read checks its bounds: a damaged value fails
 * with an {@link IllegalStateException} or {@link ArrayIndexOutOfBoundsException}, never a misread.
 */
final class BinaryReader {
    private final byte[] buf;
    private int pos;

    BinaryReader(byte[] buf, int pos) {
        this.buf = buf;
        this.pos = pos;
    }

    boolean flag() {
        byte b = buf[pos++];
        if (b != 0 && b != 1) {
            throw new IllegalStateException("presence byte " + b + " at " + (pos - 1));
        }
        return b == 1;
    }

    long varlong() {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            byte b = buf[pos++];
            v |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return (v >>> 1) ^ -(v & 1);
            }
        }
        throw new IllegalStateException("varint too long at " + pos);
    }

    int varint() {
        return Math.toIntExact(varlong());
    }

    int count() {
        int n = varint();
        if (n < 0 || n > buf.length - pos) {
            throw new IllegalStateException("count " + n + " at " + pos);
        }
        return n;
    }

    UUID uuid() {
        return new UUID(getLong(), getLong());
    }

    UUID nullableUuid() {
        return flag() ? uuid() : null;
    }

    List<UUID> uuids() {
        int n = count();
        List<UUID> ids = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ids.add(uuid());
        }
        return ids;
    }

    private long getLong() {
        if (pos + 8 > buf.length) {
            throw new IllegalStateException("truncated at " + pos);
        }
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (buf[pos++] & 0xFF);
        }
        return v;
    }

    String string() {
        int n = varint();
        if (n == 0) {
            return null;
        }
        int length = n - 1;
        if (length < 0 || length > buf.length - pos) {
            throw new IllegalStateException("string length " + length + " at " + pos);
        }
        String s = new String(buf, pos, length, StandardCharsets.UTF_8);
        pos += length;
        return s;
    }

    List<String> strings() {
        int n = varint();
        if (n == 0) {
            return null;
        }
        if (n < 0 || n - 1 > buf.length - pos) {
            throw new IllegalStateException("list size " + (n - 1) + " at " + pos);
        }
        List<String> list = new ArrayList<>(n - 1);
        for (int i = 1; i < n; i++) {
            list.add(string());
        }
        return list;
    }

    Integer nullableInt() {
        return flag() ? varint() : null;
    }

    Boolean nullableBoolean() {
        byte b = buf[pos++];
        return switch (b) {
            case 0 -> null;
            case 1 -> Boolean.FALSE;
            case 2 -> Boolean.TRUE;
            default -> throw new IllegalStateException("boolean byte " + b + " at " + (pos - 1));
        };
    }

    <E extends Enum<E>> E enumValue(E[] values) {
        int n = varint();
        return n == 0 ? null : values[n - 1];
    }

    Instant instant() {
        return Instant.ofEpochSecond(varlong(), varint());
    }

    Instant nullableInstant() {
        return flag() ? instant() : null;
    }

    void end() {
        if (pos != buf.length) {
            throw new IllegalStateException((buf.length - pos) + " trailing bytes");
        }
    }
}
