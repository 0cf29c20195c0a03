package dev.docpipe.personaldata;

import static dev.docpipe.model.PersonalData.CORRECTED_TEXT;
import static dev.docpipe.model.PersonalData.FILE_NAME;
import static dev.docpipe.model.PersonalData.SUBJECT;
import static dev.docpipe.model.PersonalData.TAGS;
import static dev.docpipe.model.PersonalData.TITLE;

import dev.docpipe.model.command.Command;
import dev.docpipe.model.command.EditReview;
import dev.docpipe.model.command.RegisterDocument;
import dev.docpipe.model.document.FileRef;
import dev.docpipe.model.document.ReviewPatch;
import dev.docpipe.model.event.DocumentEvent;
import dev.docpipe.model.event.DocumentRegistered;
import dev.docpipe.model.event.OcrRequested;
import dev.docpipe.model.event.RecordedEvent;
import dev.docpipe.model.event.ReviewEdited;
import dev.docpipe.model.event.ScanRequested;
import dev.docpipe.model.job.Job;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Sealing, opening and stripping the personal fields of records in place (docs/decisions/0012; the fields and
 * their names are {@link dev.docpipe.model.PersonalData}'s): the file's name, and the review's title, subject, tags
 * (each one) and corrected text. Language is an ISO code, not personal. Records enter the log only through the commands that carry these fields ({@link RegisterDocument},
 * {@link EditReview}) and reach the read model through the events that repeat them ({@link DocumentRegistered},
 * {@link ReviewEdited}); jobs copy the file reference as it was sealed.
 */
public final class PersonalFields {
    private final PersonalDataCipher cipher;

    public PersonalFields(PersonalDataCipher cipher) {
        this.cipher = cipher;
    }

    /** The data keys the fields are sealed under (erasure deletes them). */
    public DataKeys keys() {
        return cipher.keys();
    }

    /** The command with its personal fields sealed (the document's key must exist); other commands as they are. */
    public Command seal(Command command) {
        UUID id = command.documentId();
        return switch (command.payload()) {
            case RegisterDocument register -> new Command(command.commandId(), id, command.issuedAt(),
                    command.actor(), new RegisterDocument(register.childId(), seal(id, register.file())));
            case EditReview edit -> new Command(command.commandId(), id, command.issuedAt(), command.actor(),
                    new EditReview(edit.expectedReviewVersion(), seal(id, edit.patch())));
            default -> command;
        };
    }

    public FileRef seal(UUID documentId, FileRef file) {
        return new FileRef(file.blobRef(), file.contentType(), file.sizeBytes(),
                cipher.seal(documentId, FILE_NAME, file.fileName()));
    }

    public ReviewPatch seal(UUID documentId, ReviewPatch patch) {
        return new ReviewPatch(
                cipher.seal(documentId, TITLE, patch.title()),
                cipher.seal(documentId, SUBJECT, patch.subject()),
                patch.language(),
                patch.tags() == null ? null : patch.tags().stream().map(t -> cipher.seal(documentId, TAGS, t)).toList(),
                cipher.seal(documentId, CORRECTED_TEXT, patch.correctedText()));
    }

    /**
     * The event with its personal fields opened: what the read model folds. A field of an erased document
     * opens as null (a patch then leaves it unchanged); every other event is returned as it is.
     */
    public RecordedEvent open(RecordedEvent recorded) {
        UUID id = recorded.documentId();
        return switch (recorded.event()) {
            case DocumentRegistered e -> with(recorded,
                    new DocumentRegistered(e.childId(), e.ownerAccountId(), open(id, e.file())));
            case ReviewEdited e -> with(recorded, new ReviewEdited(open(id, e.patch()), e.reviewVersion()));
            default -> recorded;
        };
    }

    public FileRef open(UUID documentId, FileRef file) {
        return new FileRef(file.blobRef(), file.contentType(), file.sizeBytes(),
                cipher.open(documentId, FILE_NAME, file.fileName()).orElse(null));
    }

    public ReviewPatch open(UUID documentId, ReviewPatch patch) {
        return new ReviewPatch(
                cipher.open(documentId, TITLE, patch.title()).orElse(null),
                cipher.open(documentId, SUBJECT, patch.subject()).orElse(null),
                patch.language(),
                openTags(documentId, patch.tags()),
                cipher.open(documentId, CORRECTED_TEXT, patch.correctedText()).orElse(null));
    }

    /** All tags or none: a list with the erased ones left out would be a different list, not an erased one. */
    private List<String> openTags(UUID documentId, List<String> tags) {
        if (tags == null) {
            return null;
        }
        List<String> opened = new ArrayList<>(tags.size());
        for (String tag : tags) {
            Optional<String> plain = cipher.open(documentId, TAGS, tag);
            if (plain.isEmpty()) {
                return null;
            }
            opened.add(plain.get());
        }
        return opened;
    }

    /**
     * The event without any personal field, sealed or plain: what may stay of an erased document's event in a
     * table that keeps events (the read model's parked events). Jobs lose their copy of the file name too.
     */
    public static RecordedEvent strip(RecordedEvent recorded) {
        return switch (recorded.event()) {
            case DocumentRegistered e -> with(recorded,
                    new DocumentRegistered(e.childId(), e.ownerAccountId(), strip(e.file())));
            case ReviewEdited e -> with(recorded, new ReviewEdited(
                    new ReviewPatch(null, null, e.patch().language(), null, null), e.reviewVersion()));
            case ScanRequested e -> with(recorded, new ScanRequested(strip(e.job()), e.issue()));
            case OcrRequested e -> with(recorded, new OcrRequested(strip(e.job()), e.issue()));
            default -> recorded;
        };
    }

    private static FileRef strip(FileRef file) {
        return new FileRef(file.blobRef(), file.contentType(), file.sizeBytes(), null);
    }

    private static Job strip(Job job) {
        return new Job(job.jobId(), job.documentId(), job.kind(), job.attempt(), strip(job.file()), job.deadline(),
                job.engineVersion());
    }

    private static RecordedEvent with(RecordedEvent recorded, DocumentEvent event) {
        return new RecordedEvent(recorded.eventId(), recorded.documentId(), recorded.version(), recorded.occurredAt(),
                recorded.causationId(), event);
    }
}
