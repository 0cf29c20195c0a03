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

    public static BlobRef ofSha256(byte[] digest) {
        return new BlobRef("sha256:" + java.util.HexFormat.of().formatHex(digest));
    }

    public String hex() {
        return value.substring("sha256:".length());
    }

    /**
     * Where every store keeps this blob, relative to its root: {@code sha256/ab/cd/<hex>}; the same in
     * a directory and in a bucket, so one can be copied into the other as it is.
     */
    public String storageKey() {
        String hex = hex();
        return "sha256/" + hex.substring(0, 2) + "/" + hex.substring(2, 4) + "/" + hex;
    }

    @Override
    public String toString() {
        return value;
    }
}
