package dev.docpipe.api.waiting.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.docpipe.api.problems.ApiProblem;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class WaitPathTest {
    private static final String CHILD = "0b9f4a52-8f5e-4a5c-9d43-0d6f2f1f2a10";
    private static final String DOC = "5d0c1c1e-2a7a-4f55-8f0a-7a3e6b9c1d22";

    @Test
    void tellsTheThreeWaitingReadsApart() {
        assertThat(WaitPath.of("/api/v1/children/" + CHILD + "/documents/" + DOC))
                .isEqualTo(new WaitPath.Document(CHILD, DOC));
        assertThat(WaitPath.of("/api/v1/children/" + CHILD + "/documents/changes?x=1"))
                .isEqualTo(new WaitPath.Changes(CHILD));
        assertThat(WaitPath.of("/api/v1/commands/" + DOC)).isEqualTo(new WaitPath.Command(DOC));
    }

    @Test
    void servesNothingElse() {
        assertThat(WaitPath.of("/api/v1/children/" + CHILD + "/documents")).isNull();
        assertThat(WaitPath.of("/api/v1/children/" + CHILD + "/documents/" + DOC + "/text")).isNull();
        assertThat(WaitPath.of("/api/v1/children/" + CHILD + "/documents/" + DOC + "/")).isNull();
        assertThat(WaitPath.of("/actuator/health")).isNull();
        assertThat(WaitPath.of("/api/v1/commands")).isNull();
    }

    @Test
    void idsMustBeCanonicalUuidsAsOnTheMainPort() {
        assertThat(WaitPath.id("childId", CHILD)).isEqualTo(UUID.fromString(CHILD));
        assertThatThrownBy(() -> WaitPath.id("documentId", "1-1-1-1-1"))
                .isInstanceOfSatisfying(ApiProblem.class, p -> {
                    assertThat(p.code()).isEqualTo("INVALID_ID");
                    assertThat(p.properties()).containsEntry("parameter", "documentId");
                });
    }
}
