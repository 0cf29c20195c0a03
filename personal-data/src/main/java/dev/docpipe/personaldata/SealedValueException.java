package dev.docpipe.personaldata;

/**
 * A sealed value that does not open under its document's key: tampered with, damaged, or sealed for another
 * document or field (the AAD binds both). Never answered with the ciphertext or an empty value instead: it
 * is a fault to look at, not an erased field.
 */
public class SealedValueException extends IllegalStateException {
    public SealedValueException(String message, Throwable cause) {
        super(message, cause);
    }

    public SealedValueException(String message) {
        super(message);
    }
}
