package dev.docpipe.api.upload;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * Decides a file's type from its bytes, never from what the client claims: PDF, PNG, JPEG and TIFF
 * by their signatures; plain text if the whole file is valid UTF-8 without control characters
 * (tab, line feed, carriage return and form feed allowed).
 */
public final class ContentTypes {
    public static final String PDF = "application/pdf";
    public static final String PNG = "image/png";
    public static final String JPEG = "image/jpeg";
    public static final String TIFF = "image/tiff";
    public static final String TEXT = "text/plain";

    private static final byte[] PDF_MAGIC = {'%', 'P', 'D', 'F', '-'};
    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final byte[] JPEG_MAGIC = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};
    private static final byte[] TIFF_LE = {'I', 'I', 42, 0};
    private static final byte[] TIFF_BE = {'M', 'M', 0, 42};

    private ContentTypes() {}

    /** The detected type, or empty if the content is none of the accepted ones (or empty). */
    public static Optional<String> detect(InputStream content) throws IOException {
        byte[] head = content.readNBytes(8);
        if (head.length == 0) {
            return Optional.empty();
        }
        if (startsWith(head, PDF_MAGIC)) {
            return Optional.of(PDF);
        }
        if (startsWith(head, PNG_MAGIC)) {
            return Optional.of(PNG);
        }
        if (startsWith(head, JPEG_MAGIC)) {
            return Optional.of(JPEG);
        }
        if (startsWith(head, TIFF_LE) || startsWith(head, TIFF_BE)) {
            return Optional.of(TIFF);
        }
        return isText(head, content) ? Optional.of(TEXT) : Optional.empty();
    }

    private static boolean startsWith(byte[] head, byte[] magic) {
        return head.length >= magic.length && Arrays.equals(head, 0, magic.length, magic, 0, magic.length);
    }

    private static boolean isText(byte[] head, InputStream rest) throws IOException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.allocate(16 * 1024);
        CharBuffer out = CharBuffer.allocate(16 * 1024);
        in.put(head);
        boolean end = false;
        try {
            while (true) {
                if (!end) {
                    int n = rest.read(in.array(), in.position(), in.remaining());
                    if (n < 0) {
                        end = true;
                    } else {
                        in.position(in.position() + n);
                    }
                }
                in.flip();
                var result = decoder.decode(in, out, end);
                if (result.isError()) {
                    return false;
                }
                if (!allowed(out)) {
                    return false;
                }
                in.compact();
                if (end) {
                    in.flip();
                    if (decoder.flush(out).isError() || in.hasRemaining()) {
                        return false;
                    }
                    return allowed(out);
                }
            }
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static boolean allowed(CharBuffer decoded) {
        decoded.flip();
        while (decoded.hasRemaining()) {
            char c = decoded.get();
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') || c == 0x7F) {
                return false;
            }
        }
        decoded.clear();
        return true;
    }
}
