package dev.docpipe.bench.curves;

import dev.docpipe.bench.replay.OperatorCli;
import dev.docpipe.localinfra.PostgresDatabase;
import dev.docpipe.personaldata.KeyEncryptionKey;
import dev.docpipe.readmodel.ReadModelSchema;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.UUID;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The two operator commands whose wall time grows with the log, run as {@code bench replay} runs them. */
final class OperatorRuns {
    private OperatorRuns() {}

    /** A rebuild's wall time and the documents it wrote. */
    record Rebuild(double seconds, long documents) {}

    /**
     * {@code docpipe rebuild-projection} into an empty, migrated read model; wall seconds of the CLI's JVM. The
     * CLI refuses to start without a key-encryption key; the new database holds no data key yet, so a fresh one
     * fits (the curves' workload carries no sealed field). It goes in as a system property, which the CLI reads
     * like the variable, because {@link OperatorCli} passes this JVM's environment on unchanged.
     */
    static Rebuild rebuildProjection(String bootstrap) throws Exception {
        PostgresDatabase pg = PostgresDatabase.shared();
        String name = "bench_curves_" + UUID.randomUUID().toString().substring(0, 8);
        String url = pg.createDatabase(name);
        ReadModelSchema.migrate(new DriverManagerDataSource(url, pg.username(), pg.password()));
        OperatorCli.Run run = OperatorCli.run("-D" + KeyEncryptionKey.KEK_VARIABLE + "=" + KeyEncryptionKey.generateEncoded(),
                "rebuild-projection", "--json", "--no-progress", "--bootstrap-servers", bootstrap, "--db-url", url,
                "--db-user", pg.username(), "--db-password", pg.password());
        check("rebuild-projection", run);
        long documents = ReadModelSize.of(url).documents();
        // a million documents' rebuilt copy is gigabytes on the embedded server's disk and in its cache
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.username(), pg.password());
                Statement s = c.createStatement()) {
            s.execute("DROP DATABASE " + name);
        }
        return new Rebuild(run.wallMillis() / 1e3, documents);
    }

    /** {@code docpipe audit --skip-read-model}: the event log and the job topics; wall seconds. */
    static double audit(String bootstrap) throws Exception {
        OperatorCli.Run run = OperatorCli.run("", "audit", "--json", "--skip-read-model", "--no-progress",
                "--bootstrap-servers", bootstrap);
        check("audit", run);
        return run.wallMillis() / 1e3;
    }

    /** A run that failed measured nothing: its wall time must not become a point of a curve. */
    private static void check(String name, OperatorCli.Run run) {
        if (run.exitCode() != 0) {
            throw new IllegalStateException("docpipe " + name + " exited with " + run.exitCode() + ": "
                    + run.out().substring(0, Math.min(2_000, run.out().length())));
        }
    }
}
