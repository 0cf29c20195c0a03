package dev.docpipe.readmodel;

import dev.docpipe.personaldata.DataKeys;
import dev.docpipe.personaldata.KeyEncryptionKey;
import dev.docpipe.personaldata.PersonalDataCipher;
import dev.docpipe.personaldata.PersonalDataSchema;
import dev.docpipe.personaldata.PersonalFields;
import java.util.Map;
import javax.sql.DataSource;

/** Projectors for tests: the data keys' table migrated next to the read model, a fresh KEK, no blob store. */
final class TestProjectors {
    private TestProjectors() {}

    static PersonalFields personalFields(DataSource dataSource) {
        PersonalDataSchema.migrate(dataSource);
        KeyEncryptionKey kek = KeyEncryptionKey.from(Map.of(KeyEncryptionKey.KEK_VARIABLE,
                KeyEncryptionKey.generateEncoded()));
        return new PersonalFields(new PersonalDataCipher(DataKeys.over(dataSource, kek)));
    }

    static DocumentProjector over(DataSource dataSource) {
        return DocumentProjector.over(dataSource, personalFields(dataSource), null);
    }
}
