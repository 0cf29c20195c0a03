package dev.docpipe.workers.ocr;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a rendered greyscale page as binary PGM for Tesseract. PNG encoding of a 300 DPI A4 page
 * costs a few hundred milliseconds of deflate for a file read once; PGM is the raw pixels.
 */
final class Pgm {
    private Pgm() {}

    static Path write(BufferedImage gray, Path file) throws IOException {
        if (gray.getType() != BufferedImage.TYPE_BYTE_GRAY) {
            throw new IllegalArgumentException("expected TYPE_BYTE_GRAY, got " + gray.getType());
        }
        byte[] pixels = ((DataBufferByte) gray.getRaster().getDataBuffer()).getData();
        int width = gray.getWidth();
        int height = gray.getHeight();
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(("P5\n" + width + " " + height + "\n255\n").getBytes(StandardCharsets.US_ASCII));
            int stride = gray.getRaster().getSampleModel() instanceof java.awt.image.ComponentSampleModel sm
                    ? sm.getScanlineStride() : width;
            if (stride == width) {
                out.write(pixels, 0, width * height);
            } else {
                for (int y = 0; y < height; y++) {
                    out.write(pixels, y * stride, width);
                }
            }
        }
        return file;
    }
}
