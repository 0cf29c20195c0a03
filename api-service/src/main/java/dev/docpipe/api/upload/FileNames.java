package dev.docpipe.api.upload;

import java.text.Normalizer;

/**
 * The client's file name, made safe to show: the last path segment only, no control or path
 * characters, at most 200 characters. Never used as a path (blobs are stored by content hash).
 */
public final class FileNames {
    static final int MAX_LENGTH = 200;

    private FileNames() {}

    /** The sanitised name, or null if nothing displayable is left. */
    public static String sanitise(String original) {
        if (original == null) {
            return null;
        }
        String name = Normalizer.normalize(original, Normalizer.Form.NFC);
        int cut = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        name = name.substring(cut + 1);
        StringBuilder clean = new StringBuilder();
        name.codePoints()
                .filter(cp -> !Character.isISOControl(cp) && "<>:\"|?*".indexOf(cp) < 0
                        && Character.getType(cp) != Character.FORMAT && Character.getType(cp) != Character.UNASSIGNED)
                .forEach(clean::appendCodePoint);
        name = clean.toString().strip();
        while (name.startsWith(".")) {
            name = name.substring(1).strip();
        }
        if (name.codePointCount(0, name.length()) > MAX_LENGTH) {
            name = name.substring(0, name.offsetByCodePoints(0, MAX_LENGTH));
        }
        return name.isEmpty() ? null : name;
    }
}
