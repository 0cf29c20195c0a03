package dev.docpipe.devstack;

/**
 * The services the dev stack can start from their executable jars: the module that builds the jar
 * and the main class its manifest names (Spring Boot's {@code Start-Class}), so a stale or foreign
 * jar in {@code target/} is never picked.
 */
public enum Service {
    API("api-service", "dev.docpipe.api.ApiApplication"),
    WORKERS("workers", "dev.docpipe.workers.WorkersApplication"),
    PIPELINE("pipeline-streams", "dev.docpipe.pipeline.app.PipelineApplication");

    private final String module;
    private final String mainClass;

    Service(String module, String mainClass) {
        this.module = module;
        this.mainClass = mainClass;
    }

    public String module() {
        return module;
    }

    public String mainClass() {
        return mainClass;
    }
}
