package dev.docpipe.history.dlq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RecordAddressTest {
    @Test
    void parsesPartitionColonOffset() {
        assertThat(RecordAddress.parse(" 3:1042 ")).isEqualTo(new RecordAddress(3, 1042));
        assertThat(RecordAddress.parse("3:1042")).hasToString("3:1042");
    }

    @Test
    void refusesAnythingElse() {
        for (String bad : new String[] {"3", "3:", ":4", "-1:4", "3:-4", "a:b", "1:2:3", ""}) {
            assertThatThrownBy(() -> RecordAddress.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("not a record address");
        }
        assertThatThrownBy(() -> RecordAddress.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void replayCanReadCommandsAndResultsAndLetsOtherTopicsThrough() {
        assertThat(DeadLetterReplay.check("docpipe.commands", "{".getBytes())).startsWith("still unreadable: ");
        assertThat(DeadLetterReplay.check("docpipe.jobs.ocr", "{".getBytes())).isEqualTo("readable");
    }
}
