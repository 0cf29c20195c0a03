package dev.docpipe.model.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Engine versions compare the way people write them. */
class EngineVersionsTest {
    @ParameterizedTest(name = "{0} < {1}")
    @CsvSource({
        "v2, v10",
        "5.3.0, 5.10",
        "5.3, 5.3.1",
        "1.9.9, 2",
        "v1, v2",
        "2.0-rc1, 2.0",
        "4.1.0-alpha, 4.1.0-beta",
        "tesseract-4, tesseract-5",
    })
    void olderIsOlder(String older, String newer) {
        assertThat(EngineVersions.ORDER.compare(older, newer)).isNegative();
        assertThat(EngineVersions.ORDER.compare(newer, older)).isPositive();
        assertThat(EngineVersions.isNewer(newer, older)).isTrue();
        assertThat(EngineVersions.isNewer(older, newer)).isFalse();
        assertThat(EngineVersions.newest(older, newer)).isEqualTo(newer);
        assertThat(EngineVersions.newest(newer, older)).isEqualTo(newer);
    }

    @ParameterizedTest(name = "{0} == {1}")
    @CsvSource({"2, v2", "v2, V2", "5.3, 5.3.0", "1, 1.0.0", "' v3 ', v3", "v07, v7"})
    void sameVersionWrittenDifferentlyIsEqual(String a, String b) {
        assertThat(EngineVersions.ORDER.compare(a, b)).isZero();
        assertThat(EngineVersions.ORDER.compare(b, a)).isZero();
        assertThat(EngineVersions.isNewer(a, b)).isFalse();
        assertThat(EngineVersions.isNewer(b, a)).isFalse();
    }

    @Test
    void nullMeansNeverOcredAndIsOldest() {
        assertThat(EngineVersions.isNewer("v0", null)).isTrue();
        assertThat(EngineVersions.isNewer(null, "v0")).isFalse();
        assertThat(EngineVersions.isNewer(null, null)).isFalse();
        assertThat(EngineVersions.newest(null, "v1")).isEqualTo("v1");
        assertThat(EngineVersions.newest("v1", null)).isEqualTo("v1");
        assertThat(EngineVersions.newest(null, null)).isNull();
    }

    @Test
    void hugeNumericPartsDoNotOverflow() {
        assertThat(EngineVersions.isNewer("v99999999999999999999", "v9999999999999999999")).isTrue();
    }

    @Test
    void sortingAMixedListGivesTheHumanOrder() {
        List<String> versions = new ArrayList<>(Arrays.asList("v10", "5.10", null, "v2", "5.3.0", "v1"));
        versions.sort(EngineVersions.ORDER);

        assertThat(versions).containsExactly(null, "v1", "v2", "5.3.0", "5.10", "v10");
    }
}
