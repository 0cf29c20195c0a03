package dev.docpipe.cli.history;

import dev.docpipe.model.PersonalData;
import dev.docpipe.model.document.Document;
import dev.docpipe.model.document.FileRef;
import dev.docpipe.model.document.ReviewFields;
import dev.docpipe.model.document.ReviewStatus;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The document as an operator's tool shows it: every personal field (sealed or legacy plain text) replaced
 * by {@link PersonalData#REDACTED}, so that {@code docpipe history} never prints one, in text or JSON. A
 * field that is null stays null: whether a document has a file name or a reviewed title is not personal.
 */
final class Redaction {
    private Redaction() {}

    static Document of(Document d) {
        if (d == null) {
            return null;
        }
        FileRef file = d.file() == null ? null : new FileRef(d.file().blobRef(), d.file().contentType(),
                d.file().sizeBytes(), redact(d.file().fileName()));
        ReviewStatus review = d.review() == null || d.review().fields() == null ? d.review()
                : new ReviewStatus(d.review().version(), of(d.review().fields()));
        return new Document(d.documentId(), d.childId(), d.owner(), file, d.state(), d.version(), d.scan(), d.ocr(),
                review, d.currentJob(), d.lastFailure(), d.formerTextRefs());
    }

    private static ReviewFields of(ReviewFields f) {
        return new ReviewFields(redact(f.title()), redact(f.subject()), f.language(),
                f.tags() == null ? null : f.tags().stream().map(t -> PersonalData.REDACTED).toList(),
                redact(f.correctedText()));
    }

    /**
     * A record's JSON (an event's data, a command's payload) with its personal fields redacted: every
     * {@code fileName}, and a review patch's {@code title}, {@code subject}, {@code tags} and {@code correctedText}.
     */
    static JsonNode tree(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (String name : List.copyOf(object.propertyNames())) {
                JsonNode value = object.get(name);
                if (name.equals(PersonalData.FILE_NAME) && value.isString()) {
                    object.put(name, PersonalData.REDACTED);
                } else if (name.equals("patch") && value instanceof ObjectNode patch) {
                    for (String field : List.of(PersonalData.TITLE, PersonalData.SUBJECT, PersonalData.CORRECTED_TEXT)) {
                        if (patch.path(field).isString()) {
                            patch.put(field, PersonalData.REDACTED);
                        }
                    }
                    if (patch.get(PersonalData.TAGS) instanceof ArrayNode tags) {
                        for (int i = 0; i < tags.size(); i++) {
                            tags.set(i, PersonalData.REDACTED);
                        }
                    }
                } else {
                    tree(value);
                }
            }
        } else if (node instanceof ArrayNode array) {
            array.forEach(Redaction::tree);
        }
        return node;
    }

    private static String redact(String value) {
        return value == null ? null : PersonalData.REDACTED;
    }
}
