package dev.docpipe.devstack;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds the checkout the service jars were built in: above this jar first, then above the working directory. */
final class RepoRoot {
    private RepoRoot() {}

    static Path find() {
        return ownLocation().flatMap(RepoRoot::searchUp)
                .or(() -> searchUp(Path.of("").toAbsolutePath()))
                .orElse(Path.of("").toAbsolutePath());
    }

    /** The reactor root: a pom.xml next to a dev-stack module. */
    private static Optional<Path> searchUp(Path start) {
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("pom.xml")) && Files.isRegularFile(dir.resolve("dev-stack/pom.xml"))) {
                return Optional.of(dir);
            }
        }
        return Optional.empty();
    }

    private static Optional<Path> ownLocation() {
        try {
            var source = RepoRoot.class.getProtectionDomain().getCodeSource();
            if (source == null || source.getLocation() == null) {
                return Optional.empty();
            }
            // In the executable jar this is a nested URL such as "nested:/…/dev-stack.jar/!BOOT-INF/classes/!/".
            String location = source.getLocation().toString();
            int jar = location.indexOf(".jar");
            if (jar > 0) {
                String path = location.substring(0, jar + 4).replaceFirst("^(jar:)?(nested:)?(file:)?", "");
                return Optional.of(Path.of(path).toAbsolutePath());
            }
            return Optional.of(Path.of(source.getLocation().toURI()).toAbsolutePath());
        } catch (URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
