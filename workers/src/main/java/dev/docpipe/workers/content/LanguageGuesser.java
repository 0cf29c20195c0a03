package dev.docpipe.workers.content;

import java.util.Optional;
import org.apache.tika.langdetect.optimaize.OptimaizeLangDetector;
import org.apache.tika.language.detect.LanguageResult;
import org.springframework.stereotype.Component;

/**
 * Guesses a text's language with Tika's Optimaize detector (n-gram profiles of ~70 languages).
 * Only a guess the detector is reasonably certain of is reported: a wrong language shown to the
 * user is worse than none.
 */
@Component
public class LanguageGuesser {
    /** Below this many letters, n-gram statistics say little. */
    static final int MIN_LETTERS = 20;
    private static final int SAMPLE_CHARS = 10_000;

    public Optional<String> guess(String text) {
        if (text == null || text.codePoints().filter(Character::isLetter).limit(MIN_LETTERS).count() < MIN_LETTERS) {
            return Optional.empty();
        }
        String sample = text.length() > SAMPLE_CHARS ? text.substring(0, SAMPLE_CHARS) : text;
        // A detector instance buffers text and is not thread-safe; loadModels() reuses the shared,
        // immutable profiles, so one instance per call is cheap.
        LanguageResult result = new OptimaizeLangDetector().loadModels().detect(sample);
        if (result.isUnknown() || !result.isReasonablyCertain()) {
            return Optional.empty();
        }
        return Optional.of(result.getLanguage());
    }
}
