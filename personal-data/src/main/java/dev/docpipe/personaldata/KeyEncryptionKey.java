package dev.docpipe.personaldata;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.Key;
import java.util.Base64;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key-encryption key (KEK): wraps every document's data key ({@code AES/KWP/NoPadding}, RFC 5649), so the
 * {@code document_keys} table alone reveals nothing. Read from {@value #KEK_VARIABLE} (base64 of 32 random bytes)
 * and {@value #KEK_ID_VARIABLE} (default {@value #DEFAULT_ID}); the id is stored with each wrapped key so a key
 * wrapped under another KEK is recognised as such instead of failing as corrupt.
 */
public final class KeyEncryptionKey {
    public static final String KEK_VARIABLE = "DOCPIPE_KEK";
    public static final String KEK_ID_VARIABLE = "DOCPIPE_KEK_ID";
    public static final String DEFAULT_ID = "k1";
    static final int KEY_BYTES = 32;
    private static final String WRAP = "AES/KWP/NoPadding";
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final String id;
    private final SecretKey key;

    private KeyEncryptionKey(String id, SecretKey key) {
        this.id = id;
        this.key = key;
    }

    /** From the process environment: the services' way. */
    public static KeyEncryptionKey fromEnvironment() {
        return from(System::getenv);
    }

    public static KeyEncryptionKey from(Map<String, String> variables) {
        return from(variables::get);
    }

    /**
     * From {@value #KEK_VARIABLE} and {@value #KEK_ID_VARIABLE} as {@code lookup} resolves them (Spring's
     * Environment, a map in tests).
     *
     * @throws KeyEncryptionKeyException naming the variable, if it is missing or not base64 of 32 bytes
     */
    public static KeyEncryptionKey from(Function<String, String> lookup) {
        String encoded = lookup.apply(KEK_VARIABLE);
        if (encoded == null || encoded.isBlank()) {
            throw new KeyEncryptionKeyException(KEK_VARIABLE + " is not set: personal data is sealed under a"
                    + " key-encryption key, and none is configured. Set " + KEK_VARIABLE + " to the base64 of 32"
                    + " random bytes (e.g. `openssl rand -base64 32`), the same value for every service, kept as"
                    + " long as the data; see docs/configuration.md");
        }
        String id = lookup.apply(KEK_ID_VARIABLE);
        if (id == null || id.isBlank()) {
            id = DEFAULT_ID;
        } else if (!ID.matcher(id.strip()).matches()) {
            throw new KeyEncryptionKeyException(KEK_ID_VARIABLE + " must be 1 to 64 letters, digits, '.', '_' or '-'");
        }
        return of(id.strip(), decode(encoded.strip()));
    }

    private static byte[] decode(String encoded) {
        byte[] bytes;
        try {
            bytes = (encoded.indexOf('-') >= 0 || encoded.indexOf('_') >= 0 ? Base64.getUrlDecoder()
                    : Base64.getDecoder()).decode(encoded);
        } catch (IllegalArgumentException e) {
            // the message of the decoder may quote the input: leave it out
            throw new KeyEncryptionKeyException(KEK_VARIABLE + " is not valid base64: it must be the base64 of 32"
                    + " random bytes (e.g. `openssl rand -base64 32`)");
        }
        if (bytes.length != KEY_BYTES) {
            throw new KeyEncryptionKeyException(KEK_VARIABLE + " must be the base64 of exactly " + KEY_BYTES
                    + " bytes (AES-256), it decodes to " + bytes.length + " bytes");
        }
        return bytes;
    }

    public static KeyEncryptionKey of(String id, byte[] key) {
        if (key.length != KEY_BYTES) {
            throw new KeyEncryptionKeyException("a key-encryption key has " + KEY_BYTES + " bytes, not " + key.length);
        }
        return new KeyEncryptionKey(id, new SecretKeySpec(key, "AES"));
    }

    /** The base64 of 32 fresh random bytes: a new KEK's {@value #KEK_VARIABLE} value (the dev stack makes one). */
    public static String generateEncoded() {
        return Base64.getEncoder().encodeToString(DataKeyGenerator.randomBytes(KEY_BYTES));
    }

    public String id() {
        return id;
    }

    byte[] wrap(SecretKey dataKey) {
        try {
            Cipher cipher = Cipher.getInstance(WRAP);
            cipher.init(Cipher.WRAP_MODE, key);
            return cipher.wrap(dataKey);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot wrap a data key with " + WRAP, e);
        }
    }

    /**
     * @param kekId the id stored with the wrapped key
     * @throws KeyEncryptionKeyException if the key was wrapped under another KEK, or this KEK cannot unwrap it
     */
    SecretKey unwrap(String kekId, byte[] wrapped, Object owner) {
        if (!id.equals(kekId)) {
            throw new KeyEncryptionKeyException("the data key of " + owner + " is wrapped under key-encryption key '"
                    + kekId + "', but " + KEK_ID_VARIABLE + " is '" + id + "': configure that KEK");
        }
        try {
            Cipher cipher = Cipher.getInstance(WRAP);
            cipher.init(Cipher.UNWRAP_MODE, key);
            Key unwrapped = cipher.unwrap(wrapped, "AES", Cipher.SECRET_KEY);
            return (SecretKey) unwrapped;
        } catch (InvalidKeyException e) {
            // KWP's integrity check failed: not the KEK these keys were wrapped with (or a damaged row)
            throw new KeyEncryptionKeyException("the data key of " + owner + " cannot be unwrapped with the configured "
                    + KEK_VARIABLE + " (id '" + id + "'): it is not the key-encryption key the data keys were"
                    + " wrapped with", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot unwrap a data key with " + WRAP, e);
        }
    }

    @Override
    public String toString() {
        return "KeyEncryptionKey[" + id + "]"; // never the key
    }
}
