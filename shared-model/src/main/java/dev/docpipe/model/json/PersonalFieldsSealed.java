package dev.docpipe.model.json;

import tools.jackson.databind.node.ObjectNode;

/**
 * The step into the version whose personal fields ({@code FileRef.fileName}, the review fields but the
 * language) hold sealed values ({@link dev.docpipe.model.PersonalData}) instead of plain text: the same
 * shape, a different meaning, so a new version for every kind that carries one (commands, events, jobs),
 * and outside readers that showed a file name learn from the version that they now hold ciphertext.
 *
 * <p>The step changes nothing. A value of an older record stays what it was, legacy plain text, and tells
 * itself apart by the missing {@code dp1:} prefix; it cannot be sealed here (an upcaster is pure, and
 * sealing needs the document's key). {@code docpipe audit} counts such values, and a copy-and-transform
 * of the topics seals them (docs/decisions/0012-erasure-by-crypto-shredding.md).
 */
record PersonalFieldsSealed(int fromVersion) implements Upcaster {
    @Override
    public void upcast(ObjectNode record) {
        // identity: the bump records the change of meaning; the values are read as they are
    }
}
