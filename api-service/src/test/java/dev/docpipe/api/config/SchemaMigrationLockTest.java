package dev.docpipe.api.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.docpipe.localinfra.PostgresDatabase;
import dev.docpipe.personaldata.PersonalDataSchema;
import dev.docpipe.readmodel.ReadModelSchema;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * API instances starting together against a fresh database (MultiHostTest's two APIs, a scaled-out deployment's
 * first roll-out) migrate it one at a time: each history table is baselined once and nobody fails to start.
 */
class SchemaMigrationLockTest {
    private static final int INSTANCES = 6;
    private static int databases;

    @Test
    void instancesMigratingAFreshSharedDatabaseTogetherAllSucceedAndBaselineItOnce() throws Exception {
        // Empty: the first instance creates its history table without a baseline and migrates; another one,
        // finding the schema no longer empty (that very table), baselines it and found it "empty" without the lock.
        DataSource database = freshDatabase();

        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> instances = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(INSTANCES)) {
            for (int i = 0; i < INSTANCES; i++) {
                instances.add(pool.submit(() -> {
                    start.await();
                    SchemaMigrationLock.around(database, () -> PersonalDataSchema.migrate(database));
                    SchemaMigrationLock.around(database, () -> ReadModelSchema.migrate(database));
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> instance : instances) {
                instance.get(2, TimeUnit.MINUTES); // throws if that instance's migration failed
            }
        }

        assertMigratedOnce(database, PersonalDataSchema.flyway(database), PersonalDataSchema.HISTORY_TABLE);
        assertMigratedOnce(database, ReadModelSchema.flyway(database), ReadModelSchema.HISTORY_TABLE);
    }

    private static void assertMigratedOnce(DataSource database, Flyway flyway, String history) {
        JdbcClient jdbc = JdbcClient.create(database);
        assertThat(flyway.info().pending()).as(history + " pending").isEmpty();
        assertThat(jdbc.sql("SELECT count(*) FROM " + history + " WHERE type = 'BASELINE'").query(Long.class).single())
                .as(history + " baselines").isLessThanOrEqualTo(1);
        assertThat(jdbc.sql("SELECT version FROM " + history + " WHERE version IS NOT NULL"
                + " GROUP BY version HAVING count(*) > 1").query(String.class).list())
                .as(history + " versions recorded more than once").isEmpty();
        assertThat(jdbc.sql("SELECT bool_and(success) FROM " + history).query(Boolean.class).single()).isTrue();
    }

    @Test
    void aSecondMigrationWaitsUntilTheFirstHasEnded() throws Exception {
        DataSource database = freshDatabase();
        CountDownLatch firstRunning = new CountDownLatch(1);
        CountDownLatch firstMayEnd = new CountDownLatch(1);
        AtomicBoolean secondRan = new AtomicBoolean();
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            Future<?> first = pool.submit(() -> SchemaMigrationLock.around(database, () -> {
                firstRunning.countDown();
                awaitUninterruptibly(firstMayEnd);
            }));
            assertThat(firstRunning.await(30, TimeUnit.SECONDS)).isTrue();
            Future<?> second = pool.submit(() -> SchemaMigrationLock.around(database, () -> secondRan.set(true)));

            await().atMost(Duration.ofSeconds(30)).until(() -> waitingForTheLock(database) == 1);
            assertThat(secondRan).as("ran while the first held the lock").isFalse();

            firstMayEnd.countDown();
            first.get(30, TimeUnit.SECONDS);
            second.get(30, TimeUnit.SECONDS);
            assertThat(secondRan).isTrue();
        }
        assertThat(waitingForTheLock(database)).isZero();
    }

    /** Sessions of this database blocked in pg_advisory_lock on our key. */
    private static long waitingForTheLock(DataSource database) {
        return JdbcClient.create(database).sql("""
                SELECT count(*) FROM pg_locks
                WHERE locktype = 'advisory' AND NOT granted
                  AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
                  AND ((classid::bigint << 32) | objid::bigint) = ?""")
                .param(SchemaMigrationLock.KEY).query(Long.class).single();
    }

    private static DataSource freshDatabase() {
        PostgresDatabase pg = PostgresDatabase.shared();
        String url = pg.createDatabase("api_migration_lock_" + ProcessHandle.current().pid() + "_" + ++databases);
        return new DriverManagerDataSource(url, pg.username(), pg.password());
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
