package dev.docpipe.blob;

import java.util.regex.Pattern;

/** A validated {@code sha256:<64 lowercase hex>} reference; nothing else is accepted. */
public record BlobRef(String value) {
    private static final Pattern FORMAT = Pattern.compile("sha256:[0-9a-f]{64}");

    public BlobRef {
        if (value == null || !FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("not a blob reference: " + value);
        }
    }

    public static BlobRef parse(String value) {
        return new BlobRef(value);
    }

    public String hex() {
        return value.substring("sha256:".length());
    }

    @Override
    public String toString() {
        return value;
    }
}
