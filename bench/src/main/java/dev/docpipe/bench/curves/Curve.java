package dev.docpipe.bench.curves;

/**
 * One cost measured at every size: its title, its unit, the PNG file its chart goes to, and what a healthy
 * system does with it as documents grow ({@link Expected}), drawn beside it as a dashed reference line.
 */
enum Curve {
    PIPELINE_THROUGHPUT("pipeline throughput while loading", "input records/s", Expected.FLAT),
    PROJECTOR_THROUGHPUT("the API's projector while loading (transaction markers included)", "events/s",
            Expected.FLAT),
    PROJECTOR_CPU_PER_EVENT("CPU per event projected: api-service and PostgreSQL while loading", "µs per event",
            Expected.FLAT),
    STORE_BYTES_PER_DOCUMENT("state store, serialized values", "bytes per document", Expected.FLAT),
    STATE_DIR_BYTES_PER_DOCUMENT("state directory on disk", "bytes per document", Expected.FLAT),
    KAFKA_BYTES_PER_DOCUMENT("Kafka: docpipe's topics and the pipeline's changelogs, as stored", "bytes per document",
            Expected.FLAT),
    RESTORE_SECONDS("back in service after its state directory was deleted", "s", Expected.LINEAR),
    FAILOVER_SECONDS("failover to the standby", "s", Expected.FLAT),
    REBUILD_PROJECTION_SECONDS("docpipe rebuild-projection, wall time", "s", Expected.LINEAR),
    AUDIT_SECONDS("docpipe audit --skip-read-model, wall time", "s", Expected.LINEAR),
    READ_MODEL_MB("read model in PostgreSQL, all tables", "MB", Expected.LINEAR),
    READ_MODEL_BYTES_PER_DOCUMENT("read model in PostgreSQL, documents table as stored", "bytes per document",
            Expected.FLAT),
    READ_MODEL_LIVE_BYTES_PER_DOCUMENT("read model in PostgreSQL, documents' live rows (no index, no dead tuple)",
            "bytes per document", Expected.FLAT),
    GET_DOCUMENT_P99("GET a document through the API, p99", "ms", Expected.FLAT),
    LIST_CHILD_DOCUMENTS_P99("GET a child's documents (first page) through the API, p99", "ms", Expected.FLAT);

    /** What the cost should do as documents grow: stay where it was at the first size, or grow in proportion. */
    enum Expected { FLAT, LINEAR }

    final String title;
    final String unit;
    final Expected expected;

    Curve(String title, String unit, Expected expected) {
        this.title = title;
        this.unit = unit;
        this.expected = expected;
    }

    /** The reference at {@code documents}, from the value measured at the first size. */
    double reference(long firstDocuments, double firstValue, long documents) {
        return expected == Expected.FLAT ? firstValue : firstValue * documents / firstDocuments;
    }

    String fileName() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + ".png";
    }
}
