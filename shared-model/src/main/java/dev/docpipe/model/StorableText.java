package dev.docpipe.model;

/**
 * Text that every store downstream can hold. PostgreSQL's text and jsonb refuse NUL (U+0000), and half a
 * surrogate pair (a JSON escape can name one) is not a character: no UTF-8 encoder writes it and jsonb
 * refuses its escape. A record carrying either would be accepted by the pipeline and then stall the
 * read model's projector, which retries a batch it cannot write; so the wire refuses such strings
 * ({@code ModelJson}) and free diagnostic text is {@linkplain #clean cleaned} before it is written.
 */
public final class StorableText {
    private static final char REPLACEMENT = '\uFFFD';

    private StorableText() {}

    /** Why {@code value} cannot be stored, or null if it can (null itself can). */
    public static String problem(String value) {
        if (value == null) {
            return null;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "is not valid Unicode (unpaired surrogate)";
            } else if (c == 0) {
                return "must not contain NUL (U+0000)";
            }
        }
        return null;
    }

    /** {@code value} with every NUL and unpaired surrogate replaced by U+FFFD; null stays null. */
    public static String clean(String value) {
        if (problem(value) == null) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length());
        // code points keep pairs together and yield an unpaired surrogate on its own
        value.codePoints().forEach(cp -> out.appendCodePoint(
                cp == 0 || Character.getType(cp) == Character.SURROGATE ? REPLACEMENT : cp));
        return out.toString();
    }
}
