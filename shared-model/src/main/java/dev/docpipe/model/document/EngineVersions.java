package dev.docpipe.model.document;

import java.util.Comparator;

/**
 * Orders OCR engine versions the way people write them: "v2" &lt; "v10", "5.3.0" &lt; "5.10".
 * Numeric parts compare as numbers, other parts as text; null (never OCRed) is oldest.
 */
public final class EngineVersions {
    public static final Comparator<String> ORDER = Comparator.nullsFirst(EngineVersions::compareNonNull);

    private EngineVersions() {}

    public static boolean isNewer(String candidate, String than) {
        return ORDER.compare(candidate, than) > 0;
    }

    public static String newest(String a, String b) {
        return ORDER.compare(a, b) >= 0 ? a : b;
    }

    private static int compareNonNull(String a, String b) {
        String[] left = parts(a);
        String[] right = parts(b);
        for (int i = 0; i < Math.max(left.length, right.length); i++) {
            String l = i < left.length ? left[i] : "0";
            String r = i < right.length ? right[i] : "0";
            int c = comparePart(l, r);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private static String[] parts(String version) {
        String v = version.strip().toLowerCase();
        if (v.startsWith("v")) {
            v = v.substring(1);
        }
        return v.split("[^a-z0-9]+|(?<=\\d)(?=[a-z])|(?<=[a-z])(?=\\d)");
    }

    private static int comparePart(String l, String r) {
        boolean ln = l.chars().allMatch(Character::isDigit) && !l.isEmpty();
        boolean rn = r.chars().allMatch(Character::isDigit) && !r.isEmpty();
        if (ln && rn) {
            return new java.math.BigInteger(l).compareTo(new java.math.BigInteger(r));
        }
        return ln != rn ? (ln ? 1 : -1) : l.compareTo(r);
    }
}
