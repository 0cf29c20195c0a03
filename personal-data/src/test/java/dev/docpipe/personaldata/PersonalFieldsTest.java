package dev.docpipe.personaldata;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docpipe.model.PersonalData;
import dev.docpipe.model.command.Command;
import dev.docpipe.model.command.CommandPayload;
import dev.docpipe.model.command.ConfirmScan;
import dev.docpipe.model.command.EditReview;
import dev.docpipe.model.command.RegisterDocument;
import dev.docpipe.model.document.FileRef;
import dev.docpipe.model.document.ReviewPatch;
import dev.docpipe.model.event.DocumentEvent;
import dev.docpipe.model.event.DocumentRegistered;
import dev.docpipe.model.event.RecordedEvent;
import dev.docpipe.model.event.ReviewEdited;
import dev.docpipe.model.event.ScanRequested;
import dev.docpipe.model.job.Job;
import dev.docpipe.model.job.JobKind;
import dev.docpipe.model.json.ModelJson;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PersonalFieldsTest {
    private static DataSource dataSource;
    private static PersonalFields fields;

    private final UUID document = UUID.randomUUID();
    private final UUID child = UUID.randomUUID();
    private final FileRef file = new FileRef("sha256:" + "c".repeat(64), "application/pdf", 10, "Lena Zeugnis.pdf");
    private final ReviewPatch patch = new ReviewPatch("Lena", "Mathe", "de", List.of("Klasse 4b", "Lena"), "Text");

    @BeforeAll
    static void database() {
        dataSource = TestDatabase.create("personal_fields");
        fields = new PersonalFields(new PersonalDataCipher(DataKeys.over(dataSource, TestDatabase.kek("k1"))));
    }

    @BeforeEach
    void key() {
        fields.keys().create(document, child);
    }

    @Test
    void commandsLeaveWithEveryPersonalFieldSealedAndNothingElseChanged() {
        Command register = fields.seal(command(new RegisterDocument(child, file)));
        Command edit = fields.seal(command(new EditReview(3, patch)));
        Command confirm = command(new ConfirmScan());

        FileRef sealedFile = ((RegisterDocument) register.payload()).file();
        assertThat(PersonalData.isSealed(sealedFile.fileName())).isTrue();
        assertThat(sealedFile.blobRef()).isEqualTo(file.blobRef());
        ReviewPatch sealedPatch = ((EditReview) edit.payload()).patch();
        assertThat(List.of(sealedPatch.title(), sealedPatch.subject(), sealedPatch.correctedText()))
                .allMatch(PersonalData::isSealed);
        assertThat(sealedPatch.tags()).hasSize(2).allMatch(PersonalData::isSealed);
        assertThat(sealedPatch.language()).isEqualTo("de");
        assertThat(((EditReview) edit.payload()).expectedReviewVersion()).isEqualTo(3);
        assertThat(new String(ModelJson.COMMANDS.encode(register)) + new String(ModelJson.COMMANDS.encode(edit)))
                .doesNotContain("Lena", "Mathe", "Klasse");
        assertThat(fields.seal(confirm)).isSameAs(confirm);
    }

    @Test
    void theEventsOfSealedCommandsOpenToThePlaintext() {
        FileRef sealedFile = fields.seal(document, file);
        ReviewPatch sealedPatch = fields.seal(document, patch);

        RecordedEvent registered = fields.open(event(new DocumentRegistered(child, "account-1", sealedFile)));
        RecordedEvent edited = fields.open(event(new ReviewEdited(sealedPatch, 1)));

        assertThat(((DocumentRegistered) registered.event()).file()).isEqualTo(file);
        assertThat(((ReviewEdited) edited.event()).patch()).isEqualTo(patch);
    }

    @Test
    void afterErasureTheFieldsOpenAsNullAndStripLeavesNothingPersonal() {
        ReviewPatch sealedPatch = fields.seal(document, patch);
        Job job = new Job(UUID.randomUUID(), document, JobKind.SCAN, 1, fields.seal(document, file), Instant.now(), null);
        fields.keys().delete(document);

        ReviewPatch opened = ((ReviewEdited) fields.open(event(new ReviewEdited(sealedPatch, 1))).event()).patch();
        assertThat(opened).isEqualTo(new ReviewPatch(null, null, "de", null, null));

        RecordedEvent stripped = PersonalFields.strip(event(new ScanRequested(job, 1)));
        assertThat(((ScanRequested) stripped.event()).job().file().fileName()).isNull();
        RecordedEvent legacy = PersonalFields.strip(event(new DocumentRegistered(child, "account-1", file)));
        assertThat(new String(ModelJson.EVENTS.encode(legacy))).doesNotContain("Lena");
    }

    private Command command(CommandPayload payload) {
        return new Command(UUID.randomUUID(), document, Instant.now(), "account-1", payload);
    }

    private RecordedEvent event(DocumentEvent event) {
        return new RecordedEvent(UUID.randomUUID(), document, 1, Instant.now(), UUID.randomUUID(), event);
    }
}
