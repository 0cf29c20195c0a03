package dev.docpipe.personaldata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.docpipe.model.PersonalData;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PersonalDataCipherTest {
    private static DataSource dataSource;
    private static KeyEncryptionKey kek;

    private PersonalDataCipher cipher;
    private UUID document;

    @BeforeAll
    static void database() {
        dataSource = TestDatabase.create("personal_data_cipher");
        kek = TestDatabase.kek("k1");
    }

    @BeforeEach
    void newDocument() {
        cipher = new PersonalDataCipher(DataKeys.over(dataSource, kek));
        document = UUID.randomUUID();
        cipher.keys().create(document, UUID.randomUUID());
    }

    @Test
    void sealedValueOpensToThePlaintextAndShowsNoneOfIt() {
        String sealed = cipher.seal(document, "title", "Zeugnis von Lena Müller");

        assertThat(sealed).startsWith(PersonalData.SEALED_PREFIX).doesNotContain("Lena");
        assertThat(PersonalData.isSealed(sealed)).isTrue();
        assertThat(cipher.open(document, "title", sealed)).contains("Zeugnis von Lena Müller");
        assertThat(cipher.open(document, "title", cipher.seal(document, "title", ""))).contains("");
    }

    @Test
    void anotherProcessOpensWhatThisOneSealed() {
        String sealed = cipher.seal(document, "fileName", "lena.pdf");

        PersonalDataCipher fresh = new PersonalDataCipher(DataKeys.over(dataSource, kek));
        assertThat(fresh.open(document, "fileName", sealed)).contains("lena.pdf");
    }

    @Test
    void aValueMovedToAnotherFieldOrDocumentDoesNotOpen() {
        String sealed = cipher.seal(document, "title", "Lena");
        UUID other = UUID.randomUUID();
        cipher.keys().create(other, UUID.randomUUID());

        assertThatThrownBy(() -> cipher.open(document, "subject", sealed))
                .isInstanceOf(SealedValueException.class)
                .hasMessageContaining("does not open");
        assertThatThrownBy(() -> cipher.open(other, "title", sealed)).isInstanceOf(SealedValueException.class);
    }

    @Test
    void anAlteredValueDoesNotOpen() {
        String sealed = cipher.seal(document, "title", "Lena");
        byte[] bytes = Base64.getUrlDecoder().decode(sealed.substring(4));
        bytes[bytes.length - 1] ^= 1;
        String altered = "dp1:" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);

        assertThatThrownBy(() -> cipher.open(document, "title", altered)).isInstanceOf(SealedValueException.class);
        assertThatThrownBy(() -> cipher.open(document, "title", "dp1:abc")).isInstanceOf(SealedValueException.class);
    }

    @Test
    void theNonceNeverRepeats() {
        int seals = 20_000;
        Set<String> nonces = new HashSet<>();
        Set<String> values = new HashSet<>();
        for (int i = 0; i < seals; i++) {
            String sealed = cipher.seal(document, "title", "same plaintext");
            values.add(sealed);
            byte[] bytes = Base64.getUrlDecoder().decode(sealed.substring(4));
            nonces.add(Base64.getEncoder().encodeToString(Arrays.copyOf(bytes, 12)));
        }
        assertThat(nonces).hasSize(seals);
        assertThat(values).hasSize(seals);
    }

    @Test
    void legacyPlaintextPassesThroughAndNullStaysEmpty() {
        assertThat(cipher.open(document, "title", "written before sealing")).contains("written before sealing");
        assertThat(cipher.open(document, "title", null)).isEmpty();
        assertThat(cipher.seal(document, "title", null)).isNull();
    }

    @Test
    void afterTheKeyIsDeletedTheFieldReadsAsErased() {
        String sealed = cipher.seal(document, "correctedText", "Lena kann gut rechnen");

        assertThat(cipher.keys().delete(document)).isTrue();

        assertThat(cipher.open(document, "correctedText", sealed)).isEqualTo(Optional.empty());
        assertThat(new PersonalDataCipher(DataKeys.over(dataSource, kek)).open(document, "correctedText", sealed))
                .isEmpty();
        assertThat(cipher.keys().delete(document)).isFalse();
        assertThatThrownBy(() -> cipher.seal(document, "title", "x"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("has no data key");
    }

    @Test
    void aWrongKekIsRefusedNeverAnsweredWithPlaintextOrEmpty() {
        String sealed = cipher.seal(document, "title", "Lena");

        PersonalDataCipher wrong = new PersonalDataCipher(DataKeys.over(dataSource, TestDatabase.kek("k1")));
        assertThatThrownBy(() -> wrong.open(document, "title", sealed))
                .isInstanceOf(KeyEncryptionKeyException.class)
                .hasMessageContaining("DOCPIPE_KEK")
                .message().doesNotContain("Lena");
    }
}
