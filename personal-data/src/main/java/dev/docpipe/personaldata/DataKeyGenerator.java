package dev.docpipe.personaldata;

import java.security.SecureRandom;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/** Fresh randomness for keys and nonces: one {@link SecureRandom} per JVM (it is thread-safe). */
final class DataKeyGenerator {
    private static final SecureRandom RANDOM = new SecureRandom();
    static final int DATA_KEY_BYTES = 32;

    private DataKeyGenerator() {}

    static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    static SecretKey newDataKey() {
        return new SecretKeySpec(randomBytes(DATA_KEY_BYTES), "AES");
    }
}
