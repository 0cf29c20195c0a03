package dev.docpipe.model.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The reader answers every broken variant of every golden record as committed: same value, or same reason. */
class StrictAnswersTest {
    @Test
    void everyBrokenVariantGetsItsCommittedAnswer() {
        List<String> committed = StrictAnswers.committed();
        List<String> computed = StrictAnswers.compute().lines().toList();
        assertThat(computed).hasSameSizeAs(committed);

        List<String> differences = new ArrayList<>();
        int line = 0;
        for (GoldenRecords kind : GoldenRecords.values()) {
            for (int i = 0; i < kind.samples.size(); i++, line++) {
                if (!computed.get(line).equals(committed.get(line))) {
                    differences.add(computed.get(line).substring(0, computed.get(line).indexOf(' ')));
                    differences.addAll(StrictAnswers.differences(kind, i, committed.get(line), computed.get(line)));
                }
            }
        }
        assertThat(differences).as("answers that changed").isEmpty();
    }
}
