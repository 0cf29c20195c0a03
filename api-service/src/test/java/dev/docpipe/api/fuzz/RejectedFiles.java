package dev.docpipe.api.fuzz;

import static dev.docpipe.api.fuzz.Bytes.ascii;
import static dev.docpipe.api.fuzz.Bytes.printable;

import dev.docpipe.api.upload.ContentTypes;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Random;

/** Upload contents the API must refuse by their bytes, whatever name and type they are sent with. */
final class RejectedFiles {
    /** Starts like an accepted type but is not one; the NUL within the first 9 bytes rules out text. */
    private static final byte[][] NEAR_MISS = {
            ascii("%PDF"), ascii("%PDF_"), ascii("%pdf-"), ascii(" %PDF-"),
            {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A}, {(byte) 0x89, 'P', 'N', 'G'},
            {(byte) 0x89, 'p', 'n', 'g', '\r', '\n', 0x1A, '\n'}, {(byte) 0xFF, (byte) 0xD8},
            ascii("II+"), {'M', 'M', 0, '+'}, {'P', 'K', 3, 4}, {0x7F, 'E', 'L', 'F'}, ascii("GIF89a"),
            ascii("BM"), ascii("RIFF"), {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, {}};

    private RejectedFiles() {}

    static byte[] any(Random r) {
        byte[] prefix = NEAR_MISS[r.nextInt(NEAR_MISS.length)];
        byte[] rest = new byte[r.nextInt(4) == 0 ? r.nextInt(8) : r.nextInt(r.nextBoolean() ? 64 : 8_192)];
        r.nextBytes(rest);
        byte[] file = new byte[prefix.length + 1 + rest.length];
        System.arraycopy(prefix, 0, file, 0, prefix.length);
        file[prefix.length] = 0;
        System.arraycopy(rest, 0, file, prefix.length + 1, rest.length);
        return requireRejected(file);
    }

    /** A generator bug must not turn into a real upload: the API's own detection must refuse the bytes. */
    static byte[] requireRejected(byte[] file) {
        try {
            if (ContentTypes.detect(new ByteArrayInputStream(file)).isPresent()) {
                throw new IllegalStateException("generator made an acceptable file: " + printable(file, 40));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
