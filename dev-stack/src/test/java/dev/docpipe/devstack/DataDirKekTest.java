package dev.docpipe.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docpipe.personaldata.KeyEncryptionKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirKekTest {
    @TempDir
    Path root;

    @Test
    void theKekIsMadeOnceOwnerReadableOnlyAndReusedByTheNextStart() throws Exception {
        DataDir data = DataDir.at(root.resolve("data"));

        String first = data.keyEncryptionKey();

        assertThat(KeyEncryptionKey.from(Map.of(KeyEncryptionKey.KEK_VARIABLE, first)).id()).isEqualTo("k1");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.kekFile())))
                .isEqualTo("rw-------");
        assertThat(DataDir.at(root.resolve("data")).keyEncryptionKey()).isEqualTo(first);
        assertThat(DataDir.at(root.resolve("other")).keyEncryptionKey()).isNotEqualTo(first);
    }
}
