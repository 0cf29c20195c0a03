package dev.docpipe.api.idempotency;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What makes two requests "the same request" for an Idempotency-Key: a key reused for another
 * fingerprint is 422 IDEMPOTENCY_KEY_REUSED.
 */
public final class RequestFingerprint {
    private RequestFingerprint() {}

    /** SHA-256 over method, path and the normalised body (null: none). */
    public static String of(String method, String path, byte[] body) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((method + " " + path + "\n").getBytes(StandardCharsets.UTF_8));
            if (body != null) {
                sha.update(body);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
