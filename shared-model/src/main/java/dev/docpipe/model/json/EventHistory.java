package dev.docpipe.model.json;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The versions of {@code docpipe.events}.
 *
 * <ol>
 *   <li>The first release.
 *   <li>{@code DocumentRegistered.owner} is named {@code ownerAccountId}: it always held the uploading
 *       account's id (the command's actor), and outside readers took "owner" for a person's name.
 *   <li>Personal fields are sealed: {@code DocumentRegistered.file.fileName}, {@code ReviewEdited.patch}'s
 *       title, subject, tags and correctedText, the {@code file.fileName} of the jobs in
 *       {@code ScanRequested}/{@code OcrRequested} ({@link PersonalFieldsSealed}).
 * </ol>
 */
final class EventHistory {
    static final SchemaHistory HISTORY =
            SchemaHistory.of(new RegisteredOwnerIsAnAccountId(), new PersonalFieldsSealed(2));

    private EventHistory() {}

    /** Version 1 → 2: {@code DocumentRegistered.data.owner} becomes {@code data.ownerAccountId}. */
    static final class RegisteredOwnerIsAnAccountId implements Upcaster {
        @Override
        public int fromVersion() {
            return 1;
        }

        @Override
        public void upcast(ObjectNode record) {
            JsonNode type = record.get("type");
            if (type != null && type.isString() && "DocumentRegistered".equals(type.stringValue())
                    && record.get("data") instanceof ObjectNode data && data.has("owner")) {
                data.set("ownerAccountId", data.remove("owner"));
            }
        }
    }
}
