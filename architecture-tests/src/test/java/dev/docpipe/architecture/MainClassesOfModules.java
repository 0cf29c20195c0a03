package dev.docpipe.architecture;

import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.LocationProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The compiled main classes of the modules the rules speak about, read from each module's
 * {@code target/classes}. Test classes are left out on purpose: tests may run a service in-process
 * (api-service's integration tests start the real pipeline), main code may not.
 */
final class MainClassesOfModules implements LocationProvider {

    static final List<String> MODULES = List.of(
            "shared-model", "personal-data", "blob-store", "read-model", "pipeline-streams", "api-service", "workers", "replay-cli",
            "local-infra", "dev-stack", "kafka-config");

    @Override
    public Set<Location> get(Class<?> testClass) {
        Path root = Path.of(System.getProperty("docpipe.reactor.root", ".."));
        return MODULES.stream().map(module -> {
            Path classes = root.resolve(module).resolve("target").resolve("classes").normalize();
            if (!Files.isDirectory(classes)) {
                // A rule over no classes would pass; a missing module must fail the build instead.
                throw new IllegalStateException(classes + " does not exist: build " + module + " first");
            }
            return Location.of(classes);
        }).collect(Collectors.toSet());
    }
}
