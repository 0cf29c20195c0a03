package dev.docpipe.bench.curves;

import dev.docpipe.bench.replay.OperatorCli;
import dev.docpipe.localinfra.PostgresDatabase;
import dev.docpipe.readmodel.ReadModelSchema;
import java.util.UUID;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The two operator commands whose wall time grows with the log, run as {@code bench replay} runs them. */
final class OperatorRuns {
    private OperatorRuns() {}

    /** {@code docpipe rebuild-projection} into an empty, migrated read model; wall seconds of the CLI's JVM. */
    static double rebuildProjection(String bootstrap) throws Exception {
        PostgresDatabase pg = PostgresDatabase.shared();
        String url = pg.createDatabase("bench_curves_" + UUID.randomUUID().toString().substring(0, 8));
        ReadModelSchema.migrate(new DriverManagerDataSource(url, pg.username(), pg.password()));
        return seconds("rebuild-projection", OperatorCli.run("", "rebuild-projection", "--json", "--no-progress",
                "--bootstrap-servers", bootstrap, "--db-url", url, "--db-user", pg.username(), "--db-password",
                pg.password()));
    }

    /** {@code docpipe audit --skip-read-model}: the event log and the job topics; wall seconds. */
    static double audit(String bootstrap) throws Exception {
        return seconds("audit", OperatorCli.run("", "audit", "--json", "--skip-read-model", "--no-progress",
                "--bootstrap-servers", bootstrap));
    }

    private static double seconds(String name, OperatorCli.Run run) {
        if (run.exitCode() != 0) {
            System.out.printf("  note: docpipe %s exited with %d%n", name, run.exitCode());
        }
        return run.wallMillis() / 1e3;
    }
}
