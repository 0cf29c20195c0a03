package dev.docpipe.model.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docpipe.model.event.DocumentRegistered;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The records of every schemaVersion as they lie on the topics: today's writer writes every sample byte for
 * byte as committed for today's version, and today's reader reads every committed record of every version
 * (upcasting the older ones) back to the sample it was written from. A change that can no longer read a
 * record some release wrote fails here.
 */
class GoldenRecordsTest {
    @ParameterizedTest
    @EnumSource(GoldenRecords.class)
    void everySampleIsWrittenAsItsGoldenBytesOfTodaysVersion(GoldenRecords kind) {
        String committed = String.join("\n",
                kind.committed().stream().map(r -> new String(r, StandardCharsets.UTF_8)).toList()) + "\n";

        assertThat(new String(kind.written(), StandardCharsets.UTF_8)).isEqualTo(committed);
    }

    @ParameterizedTest
    @EnumSource(GoldenRecords.class)
    void everyGoldenRecordOfEveryVersionReadsBackAsItsSample(GoldenRecords kind) {
        for (int version : kind.versions()) {
            List<byte[]> committed = kind.committed(version);

            assertThat(committed).as("v%d/%s", version, kind.file).hasSize(kind.samples.size());
            for (int i = 0; i < committed.size(); i++) {
                assertThat(kind.codec.decode(committed.get(i))).as("v%d/%s line %d", version, kind.file, i + 1)
                        .isEqualTo(kind.samples.get(i));
            }
        }
    }

    @Test
    void eventsAreAtVersionThreeCommandsAndJobsAtTwoTheOthersAtOne() {
        assertThat(GoldenRecords.EVENTS.versions()).containsExactly(1, 2, 3);
        assertThat(GoldenRecords.COMMANDS.versions()).containsExactly(1, 2);
        assertThat(GoldenRecords.JOBS.versions()).containsExactly(1, 2);
        for (GoldenRecords kind : List.of(GoldenRecords.RESULTS, GoldenRecords.OUTCOMES)) {
            assertThat(kind.versions()).as(kind.file).containsExactly(1);
        }
    }

    /**
     * Sealing personal fields changed their meaning, not their shape (docs/decisions/0012): a record of an
     * earlier version reads as it was, its plain-text values telling themselves apart by the missing prefix.
     */
    @Test
    void recordsFromBeforeSealingReadWithTheirPlainTextValues() {
        byte[] v1 = GoldenRecords.COMMANDS.committed(1).get(0);
        var register = (dev.docpipe.model.command.RegisterDocument) ModelJson.COMMANDS.decode(v1).payload();
        assertThat(register.file().fileName()).isEqualTo("report-card.jpg");
        assertThat(dev.docpipe.model.PersonalData.isSealed(register.file().fileName())).isFalse();

        byte[] v2Event = GoldenRecords.EVENTS.committed(2).get(0);
        assertThat(ModelJson.EVENTS.encode(ModelJson.EVENTS.decode(v2Event)))
                .isEqualTo(GoldenRecords.EVENTS.committed(3).get(0));
    }

    @Test
    void aVersionOneRegistrationReadsAsTheVersionTwoRecord() {
        byte[] v1 = GoldenRecords.EVENTS.committed(1).get(0);
        assertThat(new String(v1, StandardCharsets.UTF_8)).startsWith("{\"schemaVersion\":1,\"type\":\"DocumentRegistered\"")
                .contains("\"owner\":\"account-42\"");

        DocumentRegistered registered = (DocumentRegistered) ModelJson.EVENTS.decode(v1).event();

        assertThat(registered.ownerAccountId()).isEqualTo("account-42");
        assertThat(ModelJson.EVENTS.encode(ModelJson.EVENTS.decode(v1)))
                .isEqualTo(GoldenRecords.EVENTS.committed(ModelJson.EVENTS.schemaVersion()).get(0));
    }
}
