package dev.docpipe.api.upload;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FileNamesTest {

    @Test
    void keepsOrdinaryNames() {
        assertThat(FileNames.sanitise("Zeugnis 2026 (Mathe).pdf")).isEqualTo("Zeugnis 2026 (Mathe).pdf");
        assertThat(FileNames.sanitise("Übung_ä.png")).isEqualTo("Übung_ä.png");
    }

    @Test
    void dropsPathsAndDangerousCharacters() {
        assertThat(FileNames.sanitise("../../etc/passwd")).isEqualTo("passwd");
        assertThat(FileNames.sanitise("C:\\Users\\x\\scan.pdf")).isEqualTo("scan.pdf");
        assertThat(FileNames.sanitise("/abs/dir/")).isNull();
        assertThat(FileNames.sanitise("a\u0000b\r\n.pdf")).isEqualTo("ab.pdf");
        assertThat(FileNames.sanitise("\u202Efdp.exe")).isEqualTo("fdp.exe");
        assertThat(FileNames.sanitise("...hidden")).isEqualTo("hidden");
        assertThat(FileNames.sanitise("..")).isNull();
        assertThat(FileNames.sanitise("   ")).isNull();
        assertThat(FileNames.sanitise(null)).isNull();
        assertThat(FileNames.sanitise("a<b>c:d\"e|f?g*.pdf")).isEqualTo("abcdefg.pdf");
        assertThat(FileNames.sanitise("x".repeat(500))).hasSize(200);
    }
}
