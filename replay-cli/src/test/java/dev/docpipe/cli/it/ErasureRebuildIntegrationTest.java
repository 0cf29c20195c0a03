package dev.docpipe.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docpipe.cli.Cli;
import dev.docpipe.model.command.Command;
import dev.docpipe.model.command.ConfirmScan;
import dev.docpipe.model.command.EditReview;
import dev.docpipe.model.command.EraseDocument;
import dev.docpipe.model.command.RegisterDocument;
import dev.docpipe.model.document.DocumentState;
import dev.docpipe.model.document.FileRef;
import dev.docpipe.model.document.ReviewPatch;
import dev.docpipe.personaldata.KeyEncryptionKey;
import dev.docpipe.personaldata.PersonalFields;
import dev.docpipe.readmodel.DocumentRow;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * rebuild-projection over sealed and erased documents (docs/decisions/0012): it opens the sealed fields with the
 * live data keys, so the rebuilt rows equal the live projector's, an erased document's (its key gone, its fields
 * null) included.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ErasureRebuildIntegrationTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private LiveSystem system;
    private Cli cli;
    private PersonalFields fields;

    @BeforeAll
    void start(@TempDir Path stateDir) {
        system = LiveSystem.start("erasure_rebuild", stateDir);
        cli = system.cli();
        fields = TestKek.fields(system.dataSource);
    }

    @AfterAll
    void stop() throws Exception {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void rebuildingGivesTheLiveRowsOfErasedAndKeptDocuments() throws Exception {
        UUID erased = reviewed("Erdferkel-Heft");
        UUID kept = reviewed("Kolibri-Heft");
        system.sendAndAwait(List.of(system.command(erased, new EraseDocument())));
        system.awaitStates(Set.of(erased), EnumSet.of(DocumentState.ERASED));
        system.awaitReadModelCaughtUp();
        Map<UUID, DocumentRow> live = system.readModel();
        assertThat(live.get(erased).document().file().fileName()).isNull();
        assertThat(live.get(kept).document().file().fileName()).isEqualTo("Kolibri-Heft.pdf");
        assertThat(live.get(kept).document().review().fields().title()).isEqualTo("Titel Kolibri-Heft");

        Cli.Run run = cli.run("rebuild-projection", "--require-equal", "--json");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode report = JSON.readTree(run.out());
        assertThat(report.get("comparison").get("equal").asBoolean()).as(run.out()).isTrue();
        assertThat(report.get("swapped").asBoolean()).isTrue();
        assertThat(system.readModel()).isEqualTo(live);
        assertThat(system.jdbc().sql("SELECT d::text FROM documents d").query(String.class).list().toString())
                .doesNotContain("Erdferkel").contains("Kolibri");
    }

    @Test
    void withoutTheKeyEncryptionKeyRebuildProjectionStopsWithExitTwo() {
        System.clearProperty(KeyEncryptionKey.KEK_VARIABLE);
        try {
            Cli.Run run = cli.run("rebuild-projection");
            assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
            assertThat(run.err()).contains("DOCPIPE_KEK is not set").doesNotContain(TestKek.VALUE);
        } finally {
            System.setProperty(KeyEncryptionKey.KEK_VARIABLE, TestKek.VALUE);
        }
    }

    /** Registered, extracted and reviewed as the API would send it: file name and review sealed. */
    private UUID reviewed(String phrase) {
        UUID id = UUID.randomUUID();
        UUID child = UUID.randomUUID();
        fields.keys().create(id, child);
        FileRef file = new FileRef(LiveSystem.FILE.blobRef(), "application/pdf", 2048, phrase + ".pdf");
        system.sendAndAwait(List.of(sealed(system.command(id, new RegisterDocument(child, file)))));
        system.awaitStates(Set.of(id), EnumSet.of(DocumentState.SCANNED));
        system.sendAndAwait(List.of(system.command(id, new ConfirmScan())));
        system.awaitStates(Set.of(id), EnumSet.of(DocumentState.EXTRACTED));
        system.sendAndAwait(List.of(sealed(system.command(id, new EditReview(0,
                new ReviewPatch("Titel " + phrase, "Fach", "de", List.of(phrase), "Text " + phrase))))));
        return id;
    }

    private Command sealed(Command command) {
        return fields.seal(command);
    }
}
