package dev.docpipe.api.upload;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ContentTypesTest {

    private static Optional<String> detect(byte[] bytes) throws IOException {
        return ContentTypes.detect(new ByteArrayInputStream(bytes));
    }

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    @Test
    void signatures() throws IOException {
        assertThat(detect("%PDF-1.4\n...".getBytes())).hasValue("application/pdf");
        assertThat(detect(bytes(0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0))).hasValue("image/png");
        assertThat(detect(bytes(0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10))).hasValue("image/jpeg");
        assertThat(detect(bytes('I', 'I', 42, 0, 8, 0, 0, 0))).hasValue("image/tiff");
        assertThat(detect(bytes('M', 'M', 0, 42, 0, 0, 0, 8))).hasValue("image/tiff");
    }

    @Test
    void text() throws IOException {
        assertThat(detect("Hello\r\n\tWorld\f".getBytes(StandardCharsets.UTF_8))).hasValue("text/plain");
        assertThat(detect("Grüße, 日本語 😀".getBytes(StandardCharsets.UTF_8))).hasValue("text/plain");
        // long text crosses the decoder's buffer, including a multi-byte character split across reads
        assertThat(detect(("äöü".repeat(20_000) + "end").getBytes(StandardCharsets.UTF_8))).hasValue("text/plain");
        assertThat(detect("a".getBytes())).hasValue("text/plain");
    }

    @Test
    void refused() throws IOException {
        assertThat(detect(new byte[0])).isEmpty();
        assertThat(detect(bytes('P', 'K', 3, 4))).isEmpty();
        assertThat(detect(bytes(0x7F, 'E', 'L', 'F'))).isEmpty();
        assertThat(detect("nul\u0000inside".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(detect("escape \u001b[31m".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(detect(bytes('o', 'k', 0xC3))).isEmpty(); // truncated UTF-8
        assertThat(detect(bytes('o', 'k', 0xC0, 0xAF))).isEmpty(); // overlong encoding
        assertThat(detect(("x".repeat(50_000) + "\u0000").getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(detect(bytes(0xFF, 0xD8, 0x00))).isEmpty();
        assertThat(detect("%PDF".getBytes())).hasValue("text/plain"); // too short for a PDF: just text
    }
}
