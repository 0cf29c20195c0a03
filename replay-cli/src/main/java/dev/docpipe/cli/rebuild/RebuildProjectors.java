package dev.docpipe.cli.rebuild;

import dev.docpipe.cli.CliException;
import dev.docpipe.personaldata.DataKeys;
import dev.docpipe.personaldata.KeyEncryptionKey;
import dev.docpipe.personaldata.KeyEncryptionKeyException;
import dev.docpipe.personaldata.PersonalDataCipher;
import dev.docpipe.personaldata.PersonalDataSchema;
import dev.docpipe.personaldata.PersonalFields;
import dev.docpipe.readmodel.DocumentProjector;
import javax.sql.DataSource;

/**
 * The projectors of {@code rebuild-projection}: the read model's own, opening sealed personal fields with the live
 * data keys under the services' key-encryption key ({@code DOCPIPE_KEK}, {@code DOCPIPE_KEK_ID}), so the rebuilt rows
 * equal the live projector's, an erased document's included. They leave blobs alone: the live projector deletes an
 * erased document's blobs, and a rebuild's half-built table cannot tell which blobs other documents still use.
 */
final class RebuildProjectors {
    private final KeyEncryptionKey kek;

    private RebuildProjectors(KeyEncryptionKey kek) {
        this.kek = kek;
    }

    /**
     * Reads the KEK from the environment (or, for in-process runs, system properties of the same names) and makes
     * sure the keys' table exists; exit 2 with the reason when there is no usable KEK.
     */
    static RebuildProjectors of(DataSource live) {
        KeyEncryptionKey kek;
        try {
            kek = KeyEncryptionKey.from(name -> {
                String value = System.getenv(name);
                return value != null ? value : System.getProperty(name);
            });
        } catch (KeyEncryptionKeyException e) {
            throw CliException.usage(e.getMessage());
        }
        PersonalDataSchema.migrate(live);
        return new RebuildProjectors(kek);
    }

    /** A projector whose statements, key look-ups and key deletions included, run on {@code pinned}. */
    DocumentProjector over(DataSource pinned) {
        return DocumentProjector.over(pinned, new PersonalFields(new PersonalDataCipher(DataKeys.over(pinned, kek))),
                null);
    }
}
