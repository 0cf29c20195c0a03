package dev.docpipe.model;

/**
 * The format of a sealed personal field (docs/decisions/0012-erasure-by-crypto-shredding.md):
 * {@code "dp1:" + base64url(12-byte nonce || AES-256-GCM ciphertext and tag)}, sealed under the document's
 * own data key with AAD {@code documentId + ":" + fieldName}. Erasure deletes that key, which turns every
 * copy of the value, on every topic, changelog and backup, into noise. Only the format lives here; the
 * crypto is in the {@code personal-data} module, and the pipeline never opens a sealed value.
 *
 * <p>The personal fields: {@code FileRef.fileName} and the review fields {@code title}, {@code subject},
 * {@code tags} (each element) and {@code correctedText}. A value without the prefix is legacy plain text,
 * written before sealing existed: still read, and counted by {@code docpipe audit} as due for a
 * copy-and-transform.
 */
public final class PersonalData {
    /** The prefix of every sealed value; the {@code 1} is the format's version. */
    public static final String SEALED_PREFIX = "dp1:";

    /** The names sealed values are bound to (their AAD), one per personal field. */
    public static final String FILE_NAME = "fileName";
    public static final String TITLE = "title";
    public static final String SUBJECT = "subject";
    public static final String TAGS = "tags";
    public static final String CORRECTED_TEXT = "correctedText";

    /** What a log line or a {@code toString} prints in place of a personal value. */
    public static final String REDACTED = "<redacted>";

    private PersonalData() {}

    /** Whether {@code value} is sealed; null (no value) is neither sealed nor plain text. */
    public static boolean isSealed(String value) {
        return value != null && value.startsWith(SEALED_PREFIX);
    }

    /** Whether {@code value} is a personal value written in plain text (before sealing existed). */
    public static boolean isLegacyPlaintext(String value) {
        return value != null && !value.startsWith(SEALED_PREFIX);
    }

    /** {@code value} as a log line may show it: null stays null, anything else is {@link #REDACTED}. */
    public static String redact(Object value) {
        return value == null ? "null" : REDACTED;
    }
}
