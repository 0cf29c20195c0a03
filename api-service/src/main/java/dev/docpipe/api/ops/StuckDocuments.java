package dev.docpipe.api.ops;

import dev.docpipe.api.projection.ReadModelConfig.ReadModelSchemaReady;
import dev.docpipe.model.document.DocumentState;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Documents of the read model waiting in SCAN_PENDING or OCR_PENDING since before a point in time (their last
 * event, so a re-issued job restarts the clock). One indexed query ({@code documents_by_state}).
 */
@Component
public class StuckDocuments {
    public static final List<DocumentState> PENDING = List.of(DocumentState.SCAN_PENDING, DocumentState.OCR_PENDING);

    private final JdbcClient jdbc;

    public StuckDocuments(JdbcClient jdbc, ReadModelSchemaReady schema) {
        this.jdbc = jdbc;
    }

    /** By pending state (every pending state present, 0 when none). */
    public Map<DocumentState, Long> pendingSince(Instant before) {
        Map<DocumentState, Long> counts = new EnumMap<>(DocumentState.class);
        PENDING.forEach(state -> counts.put(state, 0L));
        jdbc.sql("SELECT state, count(*) AS n FROM documents WHERE state IN ('SCAN_PENDING', 'OCR_PENDING')"
                        + " AND updated_at < :before GROUP BY state")
                .param("before", Timestamp.from(before))
                .query((rs, i) -> counts.put(DocumentState.valueOf(rs.getString("state")), rs.getLong("n")))
                .list();
        return counts;
    }
}
