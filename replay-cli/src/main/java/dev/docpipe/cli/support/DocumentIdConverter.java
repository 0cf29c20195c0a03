package dev.docpipe.cli.support;

import dev.docpipe.model.Ids;
import java.util.UUID;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** A document id: a canonical UUID. */
public final class DocumentIdConverter implements ITypeConverter<UUID> {
    @Override
    public UUID convert(String value) {
        try {
            return Ids.parse(value.strip());
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException("'" + value + "' is not a document id (a UUID such as "
                    + "3f2a6c1e-8b0d-4c5e-9a7f-1d2e3f4a5b6c)");
        }
    }
}
