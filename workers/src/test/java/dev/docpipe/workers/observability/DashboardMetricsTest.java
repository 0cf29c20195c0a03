package dev.docpipe.workers.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every metric the Grafana dashboards and the Prometheus alert rules under {@code deploy/} query is
 * one a service exports, as recorded in {@code deploy/prometheus/exported-metrics.txt} (which
 * {@code ExportedMetricsTest} checks against live scrapes of the running services).
 */
class DashboardMetricsTest {
    @Test
    void everyQueriedMetricIsExported() {
        DashboardQueries queries = DashboardQueries.load(ExportedMetricsCatalog.deployDir());
        assertThat(queries.queries()).as("queries under deploy/").hasSizeGreaterThan(20);
        assertThat(unexported(queries, ExportedMetricsCatalog.load()))
                .as("metrics queried under deploy/ that no service exports (metric -> where)").isEmpty();
    }

    @Test
    void everyQueryHasBalancedBracketsAndNoLeftoverTemplating() {
        for (DashboardQueries.Query query : DashboardQueries.load(ExportedMetricsCatalog.deployDir()).queries()) {
            assertThat(balanced(query.expr())).as("brackets of %s: %s", query.where(), query.expr()).isTrue();
            assertThat(query.expr()).as(query.where()).doesNotContain("{{").isNotBlank();
        }
    }

    /** Prometheus' own parser, where it is installed (Debian: apt-get install prometheus). */
    @Test
    void promtoolAcceptsTheAlertRules() throws Exception {
        Process probe;
        try {
            probe = new ProcessBuilder("promtool", "--version").redirectErrorStream(true).start();
            probe.getInputStream().readAllBytes();
            probe.waitFor();
        } catch (IOException e) {
            probe = null;
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(probe != null && probe.exitValue() == 0,
                "SKIPPED: promtool is not installed (apt-get install prometheus); the rules are only parsed as YAML here");
        Process check = new ProcessBuilder("promtool", "check", "rules",
                ExportedMetricsCatalog.deployDir().resolve("prometheus/alerts.yml").toString())
                .redirectErrorStream(true).start();
        String output = new String(check.getInputStream().readAllBytes());
        assertThat(check.waitFor()).as(output).isZero();
        assertThat(output).contains("SUCCESS");
    }

    @Test
    void aDashboardQueryingAMetricNoServiceExportsFails(@TempDir Path copy) throws IOException {
        Path deploy = ExportedMetricsCatalog.deployDir();
        try (Stream<Path> files = Files.walk(deploy)) {
            for (Path file : files.toList()) {
                Path target = copy.resolve(deploy.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
        Path dashboard = copy.resolve("grafana/dashboards/docpipe.json");
        Files.writeString(dashboard, Files.readString(dashboard).replaceFirst(
                "docpipe_pipeline_jobs_emitted_total", "docpipe_pipeline_jobs_emited_total"));

        Map<String, Set<String>> missing = unexported(DashboardQueries.load(copy), ExportedMetricsCatalog.load());
        assertThat(missing).containsOnlyKeys("docpipe_pipeline_jobs_emited_total");
        assertThat(missing.get("docpipe_pipeline_jobs_emited_total")).singleElement().asString()
                .startsWith("grafana/dashboards/docpipe.json: ");
    }

    @Test
    void metricNamesAreTakenFromPromqlNotLabelsFunctionsOrDurations() {
        assertThat(DashboardQueries.metricNames(
                "histogram_quantile(0.95, sum by (le, kind) (rate(docpipe_worker_job_wait_seconds_bucket[$__rate_interval])))"))
                .containsExactly("docpipe_worker_job_wait_seconds_bucket");
        assertThat(DashboardQueries.metricNames("(sum(increase(a_total{outcome=~\"x|y\"}[10m])) or vector(0))"
                + " + (sum(increase(b_total[10m])) or vector(0)) > 1e3"))
                .containsExactly("a_total", "b_total");
        assertThat(DashboardQueries.metricNames("max by (kind) (c) > 0 and on (kind) sum by (kind) (d offset 5m) == 0"))
                .containsExactly("c", "d");
        assertThat(DashboardQueries.metricNames("up{job=~\"api-service|workers\"} == 0")).containsExactly("up");
    }

    private static boolean balanced(String expr) {
        java.util.Deque<Character> open = new java.util.ArrayDeque<>();
        boolean quoted = false;
        for (char c : expr.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && "([{".indexOf(c) >= 0) {
                open.push(c);
            } else if (!quoted && ")]}".indexOf(c) >= 0) {
                if (open.isEmpty() || "([{".indexOf(open.pop()) != ")]}".indexOf(c)) {
                    return false;
                }
            }
        }
        return open.isEmpty() && !quoted;
    }

    /** Queried metric names no service exports, with where each is queried. */
    static Map<String, Set<String>> unexported(DashboardQueries queries, ExportedMetricsCatalog catalog) {
        Map<String, Set<String>> missing = new TreeMap<>(queries.metricNames());
        missing.keySet().removeAll(catalog.allNames());
        missing.keySet().removeAll(DashboardQueries.PROMETHEUS_SYNTHETIC);
        return missing;
    }
}
