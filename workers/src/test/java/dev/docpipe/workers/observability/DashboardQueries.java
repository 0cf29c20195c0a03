package dev.docpipe.workers.observability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every PromQL expression under {@code deploy/}: the Grafana dashboards' panel targets and template
 * variables, and the Prometheus alert and recording rules; and the metric names they query.
 */
public final class DashboardQueries {
    /** An identifier, not inside a label matcher's quotes, not a duration, not followed by "(" (a function). */
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'");
    private static final Pattern GROUPING = Pattern.compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\(([^)]*)\\)");
    private static final Pattern RANGE = Pattern.compile("\\[[^\\]]*]");
    private static final Pattern MATCHERS = Pattern.compile("\\{[^}]*}");
    private static final Pattern GRAFANA_VARIABLE = Pattern.compile("\\$\\{?__?[a-zA-Z_]+}?|\\$\\{?[a-zA-Z_]+}?");
    private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right",
            "and", "or", "unless", "bool", "offset", "atan2", "inf", "nan", "Inf", "NaN");

    /** Series Prometheus makes itself for every scrape target; no service exports them. */
    public static final Set<String> PROMETHEUS_SYNTHETIC = Set.of("up");

    /** An expression and where it was found, e.g. {@code docpipe.json: panel "Command outcomes"}. */
    public record Query(String where, String expr) {}

    private final List<Query> queries;

    private DashboardQueries(List<Query> queries) {
        this.queries = queries;
    }

    /** Every dashboard JSON under {@code deploy/grafana/dashboards} and every rule file under {@code deploy/prometheus}. */
    public static DashboardQueries load(Path deploy) {
        List<Query> queries = new ArrayList<>();
        try (Stream<Path> files = Files.walk(deploy)) {
            for (Path file : files.sorted().toList()) {
                String name = deploy.relativize(file).toString();
                if (name.startsWith("grafana/dashboards/") && name.endsWith(".json")) {
                    dashboard(name, JsonMapper.builder().build().readTree(Files.readString(file)), queries);
                } else if (name.startsWith("prometheus/") && name.endsWith(".yml") && name.contains("alert")) {
                    rules(name, Files.readString(file), queries);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new DashboardQueries(queries);
    }

    public List<Query> queries() {
        return queries;
    }

    /** Metric name → the places that query it. */
    public Map<String, Set<String>> metricNames() {
        Map<String, Set<String>> names = new TreeMap<>();
        for (Query q : queries) {
            for (String metric : metricNames(q.expr())) {
                names.computeIfAbsent(metric, m -> new TreeSet<>()).add(q.where());
            }
        }
        return names;
    }

    /** The metric names in one PromQL expression (Grafana's $variables stripped first). */
    public static Set<String> metricNames(String expr) {
        String e = GRAFANA_VARIABLE.matcher(expr).replaceAll("5m");
        e = STRING.matcher(e).replaceAll("\"\"");
        e = MATCHERS.matcher(e).replaceAll(" ");
        e = RANGE.matcher(e).replaceAll(" ");
        e = GROUPING.matcher(e).replaceAll(" ");
        Set<String> names = new TreeSet<>();
        Matcher m = IDENTIFIER.matcher(e);
        while (m.find()) {
            String token = m.group();
            int before = m.start() - 1;
            if (before >= 0 && (Character.isDigit(e.charAt(before)) || e.charAt(before) == '.')) {
                continue; // the tail of a number such as 1e3 or a duration such as 5m
            }
            int after = m.end();
            while (after < e.length() && e.charAt(after) == ' ') {
                after++;
            }
            boolean function = after < e.length() && e.charAt(after) == '(';
            if (!function && !KEYWORDS.contains(token)) {
                names.add(token);
            }
        }
        return names;
    }

    private static void dashboard(String file, JsonNode node, List<Query> out) {
        walk(file, node, out, "");
    }

    /** Panels' targets ({@code expr}) and query variables ({@code query}, string or {@code {query: ...}}). */
    private static void walk(String file, JsonNode node, List<Query> out, String title) {
        if (node.isObject()) {
            String here = node.has("title") ? node.path("title").asString() : title;
            if (node.has("expr") && node.path("expr").isString()) {
                out.add(new Query(file + ": \"" + here + "\"", node.path("expr").asString()));
            }
            if ("query".equals(node.path("type").asString()) && node.has("query")) {
                JsonNode query = node.path("query");
                String expr = query.isString() ? query.asString() : query.path("query").asString();
                String labelValues = labelValuesMetric(expr);
                out.add(new Query(file + ": variable " + node.path("name").asString(), labelValues));
            }
            for (var entry : node.properties()) {
                walk(file, entry.getValue(), out, here);
            }
        } else if (node.isArray()) {
            for (JsonNode child : node) {
                walk(file, child, out, title);
            }
        }
    }

    /** {@code label_values(metric{...}, label)} → the metric part, the only one that queries anything. */
    private static String labelValuesMetric(String expr) {
        Matcher m = Pattern.compile("label_values\\((.*),\\s*[a-zA-Z_]+\\s*\\)").matcher(expr.strip());
        return m.matches() ? m.group(1) : expr;
    }

    @SuppressWarnings("unchecked")
    private static void rules(String file, String yaml, List<Query> out) {
        Map<String, Object> root = new Yaml().load(yaml);
        for (Object group : (List<Object>) root.getOrDefault("groups", List.of())) {
            for (Object rule : (List<Object>) ((Map<String, Object>) group).getOrDefault("rules", List.of())) {
                Map<String, Object> r = (Map<String, Object>) rule;
                String name = String.valueOf(r.getOrDefault("alert", r.get("record")));
                out.add(new Query(file + ": " + name, String.valueOf(r.get("expr"))));
            }
        }
    }
}
