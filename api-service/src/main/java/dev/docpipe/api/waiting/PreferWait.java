package dev.docpipe.api.waiting;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The {@code wait} preference of RFC 7240 ({@code Prefer: wait=10}, also among other preferences, in any case, in
 * several Prefer headers). A preference the server does not understand is ignored, as the RFC asks: a malformed
 * {@code wait} is treated as absent, never as an error.
 */
public final class PreferWait {
    public static final String PREFER = "Prefer";
    public static final String PREFERENCE_APPLIED = "Preference-Applied";

    private PreferWait() {}

    /** The first well-formed {@code wait} preference in the given Prefer header values. */
    public static Optional<Duration> requested(Iterable<String> preferHeaders) {
        for (String header : preferHeaders) {
            for (String preference : splitOutsideQuotes(header, ',')) {
                String first = splitOutsideQuotes(preference, ';').getFirst();
                int eq = first.indexOf('=');
                if (eq < 0 || !first.substring(0, eq).strip().toLowerCase(Locale.ROOT).equals("wait")) {
                    continue;
                }
                String value = first.substring(eq + 1).strip();
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1);
                }
                if (!value.isEmpty() && value.length() <= 10 && value.chars().allMatch(Character::isDigit)) {
                    return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
                }
            }
        }
        return Optional.empty();
    }

    /** The wait granted for the given Prefer header values: the first {@code wait} asked for, at most {@code max}. */
    public static Optional<Duration> granted(Iterable<String> preferHeaders, Duration max) {
        return requested(preferHeaders).map(w -> granted(w, max));
    }

    /** The wait granted: what was asked for, at most {@code max}. */
    public static Duration granted(Duration requested, Duration max) {
        return requested.compareTo(max) > 0 ? max : requested;
    }

    /** The Preference-Applied value for a granted wait (whole seconds, as the request named it). */
    public static String applied(Duration granted) {
        return "wait=" + granted.toSeconds();
    }

    private static List<String> splitOutsideQuotes(String value, char separator) {
        List<String> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '\\' && quoted && i + 1 < value.length()) {
                part.append(c);
                c = value.charAt(++i);
            } else if (c == separator && !quoted) {
                parts.add(part.toString());
                part.setLength(0);
                continue;
            }
            part.append(c);
        }
        parts.add(part.toString());
        return parts;
    }
}
