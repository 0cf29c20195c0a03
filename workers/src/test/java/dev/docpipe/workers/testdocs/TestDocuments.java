package dev.docpipe.workers.testdocs;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/**
 * Real files, generated: PDFs with a text layer (PDFBox), images of printed text (Java2D, large
 * clear font so Tesseract reads them reliably), image-only PDFs, and broken or unsupported files.
 */
public final class TestDocuments {
    public static final String ENGLISH = "The quick brown fox jumps over the lazy dog near the school library. "
            + "Homework for Monday: read chapter three and answer the questions about the water cycle.";

    private TestDocuments() {}

    /** One page per text, Helvetica 12pt, wrapped; a real text layer. */
    public static byte[] pdfWithText(String... pageTexts) {
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            for (String text : pageTexts) {
                PDPage page = new PDPage(PDRectangle.A4);
                document.addPage(page);
                try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                    content.beginText();
                    content.setFont(font, 12);
                    content.setLeading(16);
                    content.newLineAtOffset(60, 780);
                    for (String line : wrap(text, 80)) {
                        content.showText(line);
                        content.newLine();
                    }
                    content.endText();
                }
            }
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A white image with black text lines in a large sans-serif font. */
    public static BufferedImage textImage(int width, int height, int fontSize, List<String> lines) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setColor(Color.BLACK);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, fontSize));
            int y = fontSize * 2;
            for (String line : lines) {
                g.drawString(line, fontSize, y);
                y += fontSize * 3 / 2;
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    /** A PNG of printed text that declares {@code dpi} in its pHYs chunk. */
    public static byte[] pngOfText(List<String> lines, int dpi) {
        return png(textImage(1800, 200 + lines.size() * 90, 56, lines), dpi);
    }

    public static byte[] blankPng(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.dispose();
        return png(image, 300);
    }

    /** Pages that are only images (as a scanner makes them): no text layer at all. */
    public static byte[] imageOnlyPdf(List<BufferedImage> pages) {
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            for (BufferedImage pageImage : pages) {
                PDPage page = new PDPage(PDRectangle.A4);
                document.addPage(page);
                PDImageXObject image = LosslessFactory.createFromImage(document, pageImage);
                try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                    PDRectangle box = page.getMediaBox();
                    content.drawImage(image, 0, 0, box.getWidth(), box.getHeight());
                }
            }
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An A4 page at 150 DPI (1240x1754) with a few lines of large text, for image-only PDFs. */
    public static BufferedImage scannedPage(List<String> lines) {
        return textImage(1240, 1754, 40, lines);
    }

    /** Starts like a PDF (so it is detected as one) but the rest is noise. */
    public static byte[] corruptPdf() {
        byte[] noise = new byte[4096];
        new Random(42).nextBytes(noise);
        byte[] header = "%PDF-1.7\n%\u00e2\u00e3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R".getBytes(StandardCharsets.ISO_8859_1);
        byte[] bytes = new byte[header.length + noise.length];
        System.arraycopy(header, 0, bytes, 0, header.length);
        System.arraycopy(noise, 0, bytes, header.length, noise.length);
        return bytes;
    }

    /** Starts like a PNG but the image data is missing. */
    public static byte[] corruptPng() {
        byte[] png = pngOfText(List.of("broken"), 300);
        byte[] truncated = new byte[60];
        System.arraycopy(png, 0, truncated, 0, truncated.length);
        return truncated;
    }

    public static byte[] zip() {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream(); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("homework.txt"));
            zip.write(ENGLISH.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            zip.finish();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] png(BufferedImage image, int dpi) {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream();
                ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
            IIOMetadata metadata = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(image), null);
            IIOMetadataNode pHYs = new IIOMetadataNode("pHYs");
            String pixelsPerMetre = Integer.toString((int) Math.round(dpi / 0.0254));
            pHYs.setAttribute("pixelsPerUnitXAxis", pixelsPerMetre);
            pHYs.setAttribute("pixelsPerUnitYAxis", pixelsPerMetre);
            pHYs.setAttribute("unitSpecifier", "meter");
            IIOMetadataNode root = new IIOMetadataNode("javax_imageio_png_1.0");
            root.appendChild(pHYs);
            metadata.mergeTree("javax_imageio_png_1.0", root);
            writer.setOutput(stream);
            writer.write(new IIOImage(image, null, metadata));
            writer.dispose();
            stream.flush();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> wrap(String text, int width) {
        List<String> lines = new java.util.ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split("\\s+")) {
            if (line.length() + word.length() + 1 > width && !line.isEmpty()) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (!line.isEmpty()) {
                line.append(' ');
            }
            line.append(word);
        }
        if (!line.isEmpty()) {
            lines.add(line.toString());
        }
        return lines;
    }
}
