package dev.docpipe.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class BlobRefTest {
    @Test
    void referencesThatCouldEscapeTheStoreAreRefused() {
        for (String bad : List.of("../../etc/passwd", "sha256:../x", "sha256:" + "A".repeat(64), "", "md5:abc")) {
            assertThatThrownBy(() -> BlobRef.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void theStorageKeyFansOutByTheFirstTwoBytes() {
        BlobRef ref = BlobRef.parse("sha256:2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824");

        assertThat(ref.storageKey())
                .isEqualTo("sha256/2c/f2/2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824");
    }
}
