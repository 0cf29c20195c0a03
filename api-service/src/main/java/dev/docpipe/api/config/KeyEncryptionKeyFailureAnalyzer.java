package dev.docpipe.api.config;

import dev.docpipe.personaldata.KeyEncryptionKey;
import dev.docpipe.personaldata.KeyEncryptionKeyException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** A missing or wrong key-encryption key as a short start-up report instead of a bean-creation stack trace. */
public class KeyEncryptionKeyFailureAnalyzer extends AbstractFailureAnalyzer<KeyEncryptionKeyException> {
    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, KeyEncryptionKeyException cause) {
        return new FailureAnalysis(cause.getMessage(), "Set " + KeyEncryptionKey.KEK_VARIABLE
                + " (and " + KeyEncryptionKey.KEK_ID_VARIABLE + ", default " + KeyEncryptionKey.DEFAULT_ID
                + ") to the key-encryption key every docpipe service shares; see docs/configuration.md.", cause);
    }
}
