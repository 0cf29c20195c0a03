package dev.docpipe.model.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The records of schema version 1 as they lie on the topics: today's writer writes every sample byte for
 * byte as committed, and today's reader reads every committed record back to the sample it was written from.
 */
class GoldenRecordsTest {
    @ParameterizedTest
    @EnumSource(GoldenRecords.class)
    void everySampleIsWrittenAsItsGoldenBytes(GoldenRecords kind) {
        String committed = String.join("\n",
                kind.committed().stream().map(r -> new String(r, StandardCharsets.UTF_8)).toList()) + "\n";

        assertThat(new String(kind.written(), StandardCharsets.UTF_8)).isEqualTo(committed);
    }

    @ParameterizedTest
    @EnumSource(GoldenRecords.class)
    void everyGoldenRecordReadsBackAsItsSample(GoldenRecords kind) {
        List<byte[]> committed = kind.committed();

        assertThat(committed).hasSize(kind.samples.size());
        for (int i = 0; i < committed.size(); i++) {
            assertThat(kind.codec.decode(committed.get(i))).as("%s line %d", kind.file, i + 1)
                    .isEqualTo(kind.samples.get(i));
        }
    }
}
