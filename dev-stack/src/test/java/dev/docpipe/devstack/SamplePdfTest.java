package dev.docpipe.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/** The walk-through's PDF must have a text layer (no OCR engine needed) with the words the smoke test looks for. */
class SamplePdfTest {

    @Test
    void theSamplePdfHasATextLayer() throws Exception {
        byte[] bytes;
        try (InputStream in = getClass().getResourceAsStream("/sample/" + SampleFiles.SAMPLE_PDF)) {
            assertThat(in).isNotNull();
            bytes = in.readAllBytes();
        }
        try (PDDocument pdf = Loader.loadPDF(bytes)) {
            assertThat(pdf.getNumberOfPages()).isEqualTo(1);
            String text = new PDFTextStripper().getText(pdf);
            assertThat(text).contains("Docpipe sample school report card", "Mathematics", "fractions");
        }
    }
}
