package dev.docpipe.cli.it;

import dev.docpipe.personaldata.DataKeys;
import dev.docpipe.personaldata.KeyEncryptionKey;
import dev.docpipe.personaldata.PersonalDataCipher;
import dev.docpipe.personaldata.PersonalDataSchema;
import dev.docpipe.personaldata.PersonalFields;
import dev.docpipe.readmodel.DocumentProjector;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * The key-encryption key of this test JVM: the one the in-process CLI reads (as the system property of the
 * variable's name), the live projector's and the API's, as all services of one deployment share one.
 */
final class TestKek {
    static final String VALUE = KeyEncryptionKey.generateEncoded();

    static {
        System.setProperty(KeyEncryptionKey.KEK_VARIABLE, VALUE);
    }

    private TestKek() {}

    private static final Map<DataSource, PersonalFields> FIELDS = new ConcurrentHashMap<>();

    /** The API's sealing and opening on {@code dataSource}'s keys (the table migrated once). */
    static PersonalFields fields(DataSource dataSource) {
        return FIELDS.computeIfAbsent(dataSource, ds -> {
            PersonalDataSchema.migrate(ds);
            KeyEncryptionKey kek = KeyEncryptionKey.from(
                    name -> name.equals(KeyEncryptionKey.KEK_VARIABLE) ? VALUE : null);
            return new PersonalFields(new PersonalDataCipher(DataKeys.over(ds, kek)));
        });
    }

    /** The projector as api-service builds it, on {@code dataSource}'s keys. */
    static DocumentProjector projector(DataSource dataSource) {
        return DocumentProjector.over(dataSource, fields(dataSource), null);
    }
}
