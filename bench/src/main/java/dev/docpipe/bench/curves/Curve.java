package dev.docpipe.bench.curves;

/** One cost measured at every size: its title, its unit, and the PNG file its chart goes to. */
enum Curve {
    PIPELINE_THROUGHPUT("pipeline throughput while loading", "input records/s"),
    STORE_BYTES_PER_DOCUMENT("state store, serialized values", "bytes per document"),
    STATE_DIR_BYTES_PER_DOCUMENT("state directory on disk", "bytes per document"),
    KAFKA_BYTES_PER_DOCUMENT("Kafka: docpipe's topics and the pipeline's changelogs, as stored", "bytes per document"),
    RESTORE_SECONDS("back in service after its state directory was deleted", "s"),
    FAILOVER_SECONDS("failover to the standby", "s"),
    REBUILD_PROJECTION_SECONDS("docpipe rebuild-projection, wall time", "s"),
    AUDIT_SECONDS("docpipe audit --skip-read-model, wall time", "s"),
    READ_MODEL_MB("read model in PostgreSQL, all tables", "MB"),
    READ_MODEL_BYTES_PER_DOCUMENT("read model in PostgreSQL, documents table", "bytes per document"),
    GET_DOCUMENT_P99("GET a document through the API, p99", "ms"),
    LIST_CHILD_DOCUMENTS_P99("GET a child's documents (first page) through the API, p99", "ms");

    final String title;
    final String unit;

    Curve(String title, String unit) {
        this.title = title;
        this.unit = unit;
    }

    String fileName() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + ".png";
    }
}
