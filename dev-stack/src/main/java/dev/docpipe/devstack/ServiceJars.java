package dev.docpipe.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * Finds each service's executable jar in {@code <repo>/<module>/target}: the newest jar whose
 * manifest starts the service's main class (whether the module attaches it as "-exec" or replaces
 * its main artifact does not matter).
 */
public final class ServiceJars {
    private final Path repoRoot;

    public ServiceJars(Path repoRoot) {
        this.repoRoot = repoRoot;
    }

    public Optional<Path> find(Service service) {
        Path target = repoRoot.resolve(service.module()).resolve("target");
        if (!Files.isDirectory(target)) {
            return Optional.empty();
        }
        try (var files = Files.list(target)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".jar"))
                    .filter(f -> service.mainClass().equals(startClass(f)))
                    .max(Comparator.comparing(ServiceJars::modified));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every jar, or one error listing each missing service and how to get it. */
    public List<Path> require(List<Service> services) {
        List<Path> jars = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (Service service : services) {
            find(service).ifPresentOrElse(jars::add, () -> missing.add(describeMissing(service)));
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("cannot start the full stack, missing:\n  - " + String.join("\n  - ", missing)
                    + "\nBuild them with `./mvnw -q package -DskipTests` (scripts/dev-stack.sh does), or start with"
                    + " --pipeline-only / --infra-only.");
        }
        return jars;
    }

    private String describeMissing(Service service) {
        Path module = repoRoot.resolve(service.module());
        if (!Files.isRegularFile(module.resolve("pom.xml"))) {
            return service.module() + ": no such module in " + repoRoot;
        }
        return service.module() + ": no executable jar with Start-Class " + service.mainClass() + " in "
                + module.resolve("target");
    }

    private static String startClass(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            return manifest == null ? null : manifest.getMainAttributes().getValue("Start-Class");
        } catch (IOException e) {
            return null; // a jar being written by a concurrent build: not a candidate
        }
    }

    private static long modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }
}
