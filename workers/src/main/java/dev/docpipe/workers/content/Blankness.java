package dev.docpipe.workers.content;

import java.awt.image.BufferedImage;

/**
 * Tells a blank page from one with content: a page is blank when almost no pixel differs clearly
 * from the page's background. Counting "ink" pixels, not the overall contrast, keeps a white page
 * with a few lines of text from passing as blank, and a grey photocopy background from passing as
 * content. Works on small (subsampled or low-DPI) renderings.
 */
public final class Blankness {
    /** Luminance difference from the background (0-255) that counts as ink rather than paper noise. */
    private static final int INK_DELTA = 64;
    /** Fewer ink pixels than this fraction: blank (a speck of dust or a scanner edge is not content). */
    private static final double MAX_INK_FRACTION = 0.0005;

    private Blankness() {}

    public static boolean isBlank(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        int[] histogram = new int[256];
        int[] row = new int[width];
        for (int y = 0; y < height; y++) {
            image.getRGB(0, y, width, 1, row, 0, width);
            for (int rgb : row) {
                histogram[luminance(rgb)]++;
            }
        }
        int background = mode(histogram);
        long ink = 0;
        for (int l = 0; l < 256; l++) {
            if (Math.abs(l - background) >= INK_DELTA) {
                ink += histogram[l];
            }
        }
        return ink < MAX_INK_FRACTION * width * height;
    }

    private static int luminance(int rgb) {
        int alpha = rgb >>> 24;
        int r = (rgb >> 16) & 0xFF;
        int g = (rgb >> 8) & 0xFF;
        int b = rgb & 0xFF;
        int l = (299 * r + 587 * g + 114 * b) / 1000;
        // Transparent pixels show the (white) paper underneath.
        return (l * alpha + 255 * (255 - alpha)) / 255;
    }

    private static int mode(int[] histogram) {
        int best = 0;
        for (int l = 1; l < histogram.length; l++) {
            if (histogram[l] > histogram[best]) {
                best = l;
            }
        }
        return best;
    }
}
