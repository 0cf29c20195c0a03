package dev.docpipe.personaldata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.Map;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.Test;

class KeyEncryptionKeyTest {

    @Test
    void missingKekIsRefusedNamingTheVariable() {
        assertThatThrownBy(() -> KeyEncryptionKey.from(Map.of()))
                .isInstanceOf(KeyEncryptionKeyException.class)
                .hasMessageStartingWith("DOCPIPE_KEK is not set");
        assertThatThrownBy(() -> KeyEncryptionKey.from(Map.of("DOCPIPE_KEK", "  ")))
                .hasMessageStartingWith("DOCPIPE_KEK is not set");
    }

    @Test
    void shortKekIsRefusedWithItsLength() {
        String sixteenBytes = Base64.getEncoder().encodeToString(new byte[16]);
        assertThatThrownBy(() -> KeyEncryptionKey.from(Map.of("DOCPIPE_KEK", sixteenBytes)))
                .isInstanceOf(KeyEncryptionKeyException.class)
                .hasMessageContaining("DOCPIPE_KEK must be the base64 of exactly 32 bytes")
                .hasMessageContaining("16 bytes");
    }

    @Test
    void invalidBase64IsRefusedWithoutQuotingTheValue() {
        assertThatThrownBy(() -> KeyEncryptionKey.from(Map.of("DOCPIPE_KEK", "not*base64!secret")))
                .isInstanceOf(KeyEncryptionKeyException.class)
                .hasMessageStartingWith("DOCPIPE_KEK is not valid base64")
                .message().doesNotContain("secret");
    }

    @Test
    void invalidKekIdIsRefusedNamingTheVariable() {
        assertThatThrownBy(() -> KeyEncryptionKey.from(Map.of("DOCPIPE_KEK", KeyEncryptionKey.generateEncoded(),
                "DOCPIPE_KEK_ID", "k 1")))
                .isInstanceOf(KeyEncryptionKeyException.class)
                .hasMessageStartingWith("DOCPIPE_KEK_ID");
    }

    @Test
    void idDefaultsToK1AndNeverPrintsTheKey() {
        String encoded = KeyEncryptionKey.generateEncoded();
        KeyEncryptionKey kek = KeyEncryptionKey.from(Map.of("DOCPIPE_KEK", encoded));

        assertThat(kek.id()).isEqualTo("k1");
        assertThat(kek.toString()).doesNotContain(encoded);
        assertThat(KeyEncryptionKey.from(Map.of("DOCPIPE_KEK", encoded, "DOCPIPE_KEK_ID", "2026-12")).id())
                .isEqualTo("2026-12");
    }

    @Test
    void wrappedKeyUnwrapsOnlyUnderTheSameKek() {
        KeyEncryptionKey kek = TestDatabase.kek("k1");
        KeyEncryptionKey other = TestDatabase.kek("k1");
        SecretKey dataKey = DataKeyGenerator.newDataKey();
        byte[] wrapped = kek.wrap(dataKey);

        assertThat(kek.unwrap("k1", wrapped, "document x").getEncoded()).isEqualTo(dataKey.getEncoded());
        assertThatThrownBy(() -> other.unwrap("k1", wrapped, "document x"))
                .isInstanceOf(KeyEncryptionKeyException.class)
                .hasMessageContaining("cannot be unwrapped with the configured DOCPIPE_KEK");
        assertThatThrownBy(() -> kek.unwrap("k0", wrapped, "document x"))
                .isInstanceOf(KeyEncryptionKeyException.class)
                .hasMessageContaining("wrapped under key-encryption key 'k0'");
    }
}
