package dev.docpipe.personaldata;

import dev.docpipe.model.PersonalData;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Seals and opens personal fields under their document's data key ({@link DataKeys}), in the format
 * {@link PersonalData} names: {@code "dp1:" + base64url(nonce || AES-256-GCM ciphertext and tag)}, with
 * AAD {@code documentId + ":" + field}, so a sealed value copied into another document or field does not open.
 *
 * <p>Every seal draws a fresh 12-byte nonce from {@link java.security.SecureRandom}: a (key, nonce) pair used
 * twice would break GCM's confidentiality and integrity, and the JDK only refuses a repeat within one
 * {@link Cipher} object. A document's key seals a few fields a handful of times, far below the 2^32 random
 * nonces NIST allows per key. Thread-safe: a {@link Cipher} per call.
 */
public final class PersonalDataCipher {
    private static final String AEAD = "AES/GCM/NoPadding";
    static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final DataKeys keys;

    public PersonalDataCipher(DataKeys keys) {
        this.keys = keys;
    }

    public DataKeys keys() {
        return keys;
    }

    /**
     * The sealed form of {@code plaintext} (null stays null).
     *
     * @throws IllegalStateException if the document has no data key ({@link DataKeys#create} comes first)
     */
    public String seal(UUID documentId, String field, String plaintext) {
        if (plaintext == null) {
            return null;
        }
        SecretKey key = keys.find(documentId).orElseThrow(() -> new IllegalStateException(
                "document " + documentId + " has no data key: create it before sealing its personal fields"));
        byte[] nonce = DataKeyGenerator.randomBytes(NONCE_BYTES);
        try {
            Cipher cipher = Cipher.getInstance(AEAD);
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad(documentId, field));
            byte[] plain = plaintext.getBytes(StandardCharsets.UTF_8);
            ByteBuffer out = ByteBuffer.allocate(NONCE_BYTES + cipher.getOutputSize(plain.length));
            out.put(nonce);
            cipher.doFinal(ByteBuffer.wrap(plain), out);
            return PersonalData.SEALED_PREFIX + ENCODER.encodeToString(out.array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot seal with " + AEAD, e);
        }
    }

    /**
     * The plaintext of a field as read from a record: a sealed value opened, legacy plaintext (written before
     * fields were sealed) as it is; empty for null and for a sealed value whose document has no key any more
     * (erased: the field reads as null).
     *
     * @throws SealedValueException if a sealed value does not open under its document's key
     * @throws KeyEncryptionKeyException if the document's key cannot be unwrapped (a wrong KEK)
     */
    public Optional<String> open(UUID documentId, String field, String value) {
        if (value == null) {
            return Optional.empty();
        }
        if (!PersonalData.isSealed(value)) {
            return Optional.of(value);
        }
        Optional<SecretKey> key = keys.find(documentId);
        if (key.isEmpty()) {
            return Optional.empty();
        }
        byte[] sealed;
        try {
            sealed = DECODER.decode(value.substring(PersonalData.SEALED_PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new SealedValueException("sealed " + field + " of document " + documentId + " is not base64url");
        }
        if (sealed.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new SealedValueException("sealed " + field + " of document " + documentId + " is too short");
        }
        try {
            Cipher cipher = Cipher.getInstance(AEAD);
            cipher.init(Cipher.DECRYPT_MODE, key.get(), new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
            cipher.updateAAD(aad(documentId, field));
            byte[] plain = cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
            return Optional.of(new String(plain, StandardCharsets.UTF_8));
        } catch (AEADBadTagException e) {
            throw new SealedValueException("sealed " + field + " of document " + documentId + " does not open under"
                    + " its data key: altered, or sealed for another document or field", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot open with " + AEAD, e);
        }
    }

    private static byte[] aad(UUID documentId, String field) {
        return (documentId + ":" + field).getBytes(StandardCharsets.UTF_8);
    }
}
