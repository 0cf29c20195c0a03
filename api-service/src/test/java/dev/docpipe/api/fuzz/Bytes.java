package dev.docpipe.api.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Byte-level helpers: hostile requests are built, and reported, as bytes rather than strings. */
final class Bytes {
    private Bytes() {}

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** ISO-8859-1 where it can be, UTF-8 bytes for characters beyond it (so they arrive as raw high bytes). */
    static byte[] latin1OrUtf8(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        s.codePoints().forEach(c -> {
            if (c <= 0xFF) {
                out.write(c);
            } else {
                out.writeBytes(Character.toString(c).getBytes(StandardCharsets.UTF_8));
            }
        });
        return out.toByteArray();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static int indexOf(byte[] bytes, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= bytes.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (bytes[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** Escapes everything but visible ASCII, so a failure report shows exactly which bytes were sent. */
    static String printable(byte[] bytes, int max) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < Math.min(bytes.length, max); i++) {
            int b = bytes[i] & 0xFF;
            if (b >= 0x20 && b < 0x7F) {
                s.append((char) b);
            } else {
                s.append(String.format("\\x%02X", b));
            }
        }
        if (bytes.length > max) {
            s.append("…(").append(bytes.length).append(" bytes)");
        }
        return s.toString();
    }
}
