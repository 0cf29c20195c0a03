package dev.docpipe.model.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class SchemaHistoryTest {
    private record Step(int fromVersion) implements Upcaster {
        @Override
        public void upcast(ObjectNode record) {
            record.put("steps", record.path("steps").asInt(0) * 10 + fromVersion);
        }
    }

    @Test
    void aRecordRunsEveryStepFromItsVersionInOrder() {
        SchemaHistory history = SchemaHistory.of(new Step(1), new Step(2), new Step(3));
        ObjectNode v1 = Wire.PLAIN.createObjectNode();
        ObjectNode v3 = Wire.PLAIN.createObjectNode();

        history.upcast(1, v1);
        history.upcast(3, v3);

        assertThat(history.currentVersion()).isEqualTo(4);
        assertThat(v1.get("steps").intValue()).isEqualTo(123);
        assertThat(v3.get("steps").intValue()).isEqualTo(3);
    }

    @Test
    void readsEveryVersionUpToTheCurrentOneAndNothingElse() {
        SchemaHistory history = SchemaHistory.of(new Step(1));

        assertThat(history.reads(1)).isTrue();
        assertThat(history.reads(2)).isTrue();
        assertThat(history.reads(3)).isFalse();
        assertThat(history.reads(0)).isFalse();
        assertThat(SchemaHistory.initial().reads(2)).isFalse();
    }

    @Test
    void aGapInTheStepsIsRefused() {
        assertThatThrownBy(() -> SchemaHistory.of(new Step(1), new Step(3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("without a gap");
    }
}
