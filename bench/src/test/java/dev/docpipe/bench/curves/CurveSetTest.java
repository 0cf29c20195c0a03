package dev.docpipe.bench.curves;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The curves' arithmetic and charts, without a benchmark run. */
class CurveSetTest {

    @Test
    void growthExponentTellsFlatFromLinearFromWorse() {
        assertThat(CurveSet.growthExponent(10_000, 5.0, 100_000, 5.0)).isCloseTo(0.0, within(1e-9));
        assertThat(CurveSet.growthExponent(10_000, 2.0, 100_000, 20.0)).isCloseTo(1.0, within(1e-9));
        assertThat(CurveSet.growthExponent(10_000, 1.0, 100_000, 100.0)).isCloseTo(2.0, within(1e-9));
        assertThat(CurveSet.growthExponent(10_000, 0.0, 100_000, 1.0)).isNaN();
    }

    @Test
    void referenceLinesStartAtTheFirstPoint() {
        assertThat(Curve.RESTORE_SECONDS.reference(10_000, 2.0, 1_000_000)).isEqualTo(200.0);
        assertThat(Curve.GET_DOCUMENT_P99.reference(10_000, 2.0, 1_000_000)).isEqualTo(2.0);
    }

    @Test
    void writesOnePngPerCurveMeasured(@TempDir Path charts) throws Exception {
        CurveSet curves = new CurveSet();
        curves.add(Curve.RESTORE_SECONDS, 1_000, 1.5);
        curves.add(Curve.RESTORE_SECONDS, 3_000, 2.5);
        curves.add(Curve.GET_DOCUMENT_P99, 1_000, 12.0);
        curves.add(Curve.GET_DOCUMENT_P99, 3_000, 13.0);

        List<Path> written = curves.writeCharts(charts.resolve("curves"));

        assertThat(written).extracting(p -> p.getFileName().toString())
                .containsExactlyInAnyOrder("get-document-p99.png", "restore-seconds.png");
        for (Path png : written) {
            byte[] bytes = Files.readAllBytes(png);
            assertThat(bytes).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
        }
    }
}
