package dev.docpipe.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Files of the checkout, for tests that check configuration against configuration. */
final class RepoFiles {
    private RepoFiles() {}

    /** Surefire runs in the module directory; the reactor root is above it. */
    static Path root() {
        Path here = Path.of("").toAbsolutePath();
        for (Path dir = here; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("dev-stack/pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no reactor root above " + here);
    }

    static String read(String relativePath) {
        try {
            return Files.readString(root().resolve(relativePath));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A {@code <properties>} value of the root pom, e.g. kafka.version. */
    static String rootPomProperty(String name) {
        Matcher m = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</" + Pattern.quote(name) + ">")
                .matcher(read("pom.xml"));
        if (!m.find()) {
            throw new IllegalStateException("root pom.xml has no property " + name);
        }
        return m.group(1).strip();
    }
}
