package dev.docpipe.workers.content;

import dev.docpipe.workers.execution.FailureReason;
import dev.docpipe.workers.execution.PermanentFailure;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataFormatImpl;
import javax.imageio.stream.ImageInputStream;
import org.w3c.dom.Node;

/**
 * Reads an image's dimensions, declared resolution and frame count with ImageIO, checking the
 * pixel count from the header before anything is decoded (a few KB of PNG can declare an image
 * that would need gigabytes).
 */
public final class ImageFiles {
    /** Blank detection looks at a copy at most this many pixels on its longer side. */
    private static final int PREVIEW_SIDE = 512;

    static {
        ImageIO.setUseCache(false); // decode in memory, no temp files per image
    }

    /**
     * @param dpi the resolution the file declares, or null if it declares none
     * @param blank whether the first frame is blank; null if not checked
     */
    public record ImageInfo(int width, int height, Integer dpi, int frames, Boolean blank) {}

    private ImageFiles() {}

    public static ImageInfo inspect(byte[] bytes, long maxPixels, boolean checkBlank) throws PermanentFailure {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new PermanentFailure(FailureReason.CORRUPT_FILE, "no image reader recognises the content");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, false, false);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                if ((long) width * height > maxPixels) {
                    throw new PermanentFailure(FailureReason.FILE_TOO_LARGE,
                            "image is " + width + "x" + height + " pixels, at most " + maxPixels + " are read");
                }
                Integer dpi = dpiOf(reader.getImageMetadata(0));
                int frames = Math.max(1, reader.getNumImages(true));
                Boolean blank = checkBlank ? Blankness.isBlank(preview(reader, width, height)) : null;
                return new ImageInfo(width, height, dpi, frames, blank);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            // In-memory bytes: an IOException here is the content's fault, not the disk's.
            throw new PermanentFailure(FailureReason.CORRUPT_FILE, "unreadable image: " + e.getMessage(), e);
        }
    }

    private static BufferedImage preview(ImageReader reader, int width, int height) throws IOException {
        ImageReadParam param = reader.getDefaultReadParam();
        int step = Math.max(1, Math.max(width, height) / PREVIEW_SIDE);
        param.setSourceSubsampling(step, step, 0, 0);
        return reader.read(0, param);
    }

    /** From the format-neutral metadata tree, where every plugin reports millimetres per pixel. */
    static Integer dpiOf(IIOMetadata metadata) {
        if (metadata == null || !metadata.isStandardMetadataFormatSupported()) {
            return null;
        }
        Node root = metadata.getAsTree(IIOMetadataFormatImpl.standardMetadataFormatName);
        Node dimension = child(root, "Dimension");
        Node size = dimension == null ? null : child(dimension, "HorizontalPixelSize");
        Node value = size == null ? null : size.getAttributes().getNamedItem("value");
        if (value == null) {
            return null;
        }
        double mmPerPixel = Double.parseDouble(value.getNodeValue());
        if (!(mmPerPixel > 0)) {
            return null;
        }
        long dpi = Math.round(25.4 / mmPerPixel);
        return dpi >= 10 && dpi <= 10_000 ? (int) dpi : null; // anything else is a bogus header
    }

    private static Node child(Node parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (name.equals(n.getNodeName())) {
                return n;
            }
        }
        return null;
    }
}
