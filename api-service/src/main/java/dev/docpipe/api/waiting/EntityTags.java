package dev.docpipe.api.waiting;

/** Whether If-None-Match names the current entity tag, i.e. the client has the current representation (RFC 9110 13.1.2: weak comparison, a list of tags or {@code *}). */
public final class EntityTags {
    private EntityTags() {}

    public static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null || etag == null) {
            return false;
        }
        String ours = opaque(etag);
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.strip();
            if (tag.equals("*") || opaque(tag).equals(ours)) {
                return true;
            }
        }
        return false;
    }

    private static String opaque(String tag) {
        return tag.startsWith("W/") ? tag.substring(2) : tag;
    }
}
