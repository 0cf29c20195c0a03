package dev.docpipe.personaldata;

/**
 * The key-encryption key is missing, malformed, or not the one the stored data keys were wrapped with. Always
 * fatal for whatever needed it: personal data is never read or written in the clear instead.
 */
public class KeyEncryptionKeyException extends IllegalStateException {
    public KeyEncryptionKeyException(String message) {
        super(message);
    }

    public KeyEncryptionKeyException(String message, Throwable cause) {
        super(message, cause);
    }
}
