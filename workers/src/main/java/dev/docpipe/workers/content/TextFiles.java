package dev.docpipe.workers.content;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes a plain text file. Uploads come from phones and school PCs: UTF-8 (with or without BOM),
 * sometimes UTF-16 with BOM, and legacy Windows-1252. Strict UTF-8 decoding tells the first apart
 * reliably; whatever is not valid UTF-8 is read as Windows-1252, which maps every byte.
 */
public final class TextFiles {
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private TextFiles() {}

    public static String decode(byte[] bytes) {
        if (startsWith(bytes, 0xEF, 0xBB, 0xBF)) {
            return new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
        }
        if (startsWith(bytes, 0xFE, 0xFF) || startsWith(bytes, 0xFF, 0xFE)) {
            return new String(bytes, StandardCharsets.UTF_16); // consumes the BOM, picks the byte order
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, WINDOWS_1252);
        }
    }

    /** True if the text has at least one letter or digit. */
    public static boolean hasContent(CharSequence text) {
        return text.codePoints().anyMatch(Character::isLetterOrDigit);
    }

    private static boolean startsWith(byte[] bytes, int... prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
