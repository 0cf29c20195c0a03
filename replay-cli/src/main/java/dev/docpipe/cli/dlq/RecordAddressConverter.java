package dev.docpipe.cli.dlq;

import dev.docpipe.history.dlq.RecordAddress;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** A {@code partition:offset} argument of {@code docpipe dlq}. */
public final class RecordAddressConverter implements ITypeConverter<RecordAddress> {
    @Override
    public RecordAddress convert(String value) {
        try {
            return RecordAddress.parse(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
