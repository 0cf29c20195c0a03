package dev.docpipe.bench.curves;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The figures of a curves run: every {@link Curve} as a table (with the growth exponent between neighbouring
 * sizes: 0 flat, 1 linear, above 1 worse than linear) and as a PNG chart written by XChart, beside the line the
 * curve should follow ({@link Curve.Expected}).
 */
final class CurveSet {
    private final Map<Curve, TreeMap<Long, Double>> points = new EnumMap<>(Curve.class);

    void add(Curve curve, long documents, double value) {
        points.computeIfAbsent(curve, c -> new TreeMap<>()).put(documents, value);
        System.out.printf("  %-62s %,14.2f %s%n", curve.title, value, curve.unit);
    }

    Map<Long, Double> points(Curve curve) {
        return points.getOrDefault(curve, new TreeMap<>());
    }

    /** log(v2 / v1) / log(n2 / n1): how the cost grows from one size to the next. */
    static double growthExponent(long n1, double v1, long n2, double v2) {
        return v1 <= 0 || v2 <= 0 ? Double.NaN : Math.log(v2 / v1) / Math.log((double) n2 / n1);
    }

    void print(PrintStream out) {
        points.forEach((curve, values) -> {
            out.printf("%n%s (%s)%n%n| documents | %s | growth exponent from the previous size |%n|---:|---:|---:|%n",
                    curve.title, curve.unit, curve.unit);
            Map.Entry<Long, Double> previous = null;
            for (Map.Entry<Long, Double> point : values.entrySet()) {
                out.printf("| %,d | %,.2f | %s |%n", point.getKey(), point.getValue(), previous == null ? ""
                        : "%.2f".formatted(growthExponent(previous.getKey(), previous.getValue(), point.getKey(),
                                point.getValue())));
                previous = point;
            }
        });
    }

    /** One PNG per curve in {@code directory}; returns the files written. */
    List<Path> writeCharts(Path directory) throws IOException {
        System.setProperty("java.awt.headless", "true");
        Files.createDirectories(directory);
        List<Path> written = new ArrayList<>();
        for (Map.Entry<Curve, TreeMap<Long, Double>> entry : points.entrySet()) {
            Curve curve = entry.getKey();
            TreeMap<Long, Double> values = entry.getValue();
            // Linear axes from zero, with the reference dashed: a flat cost stays on a horizontal line, a linear one
            // on a straight line through the origin, and anything worse bends away above it.
            XYChart chart = new XYChartBuilder().width(800).height(500).title(curve.title)
                    .xAxisTitle("documents").yAxisTitle(curve.unit).build();
            chart.getStyler().setYAxisMin(0.0);
            chart.getStyler().setXAxisMin(0.0);
            chart.getStyler().setXAxisDecimalPattern("#,###");
            chart.getStyler().setYAxisDecimalPattern("#,##0.##");
            chart.addSeries("measured", new ArrayList<>(values.keySet()), new ArrayList<>(values.values()));
            List<Double> reference = new ArrayList<>();
            values.keySet().forEach(n -> reference.add(
                    curve.reference(values.firstKey(), values.firstEntry().getValue(), n)));
            XYSeries expected = chart.addSeries(curve.expected == Curve.Expected.FLAT ? "flat" : "linear",
                    new ArrayList<>(values.keySet()), reference);
            expected.setLineStyle(SeriesLines.DASH_DASH);
            expected.setMarker(SeriesMarkers.NONE);
            Path file = directory.resolve(curve.fileName());
            BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
            written.add(file);
        }
        return written;
    }
}
