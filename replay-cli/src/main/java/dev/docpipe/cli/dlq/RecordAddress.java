package dev.docpipe.cli.dlq;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code partition:offset} of a record on docpipe.dlq. */
public record RecordAddress(int partition, long offset) implements Comparable<RecordAddress> {
    @Override
    public String toString() {
        return partition + ":" + offset;
    }

    @Override
    public int compareTo(RecordAddress o) {
        return partition != o.partition ? Integer.compare(partition, o.partition) : Long.compare(offset, o.offset);
    }

    public static final class Converter implements ITypeConverter<RecordAddress> {
        @Override
        public RecordAddress convert(String value) {
            String[] parts = value.strip().split(":");
            try {
                if (parts.length == 2) {
                    int partition = Integer.parseInt(parts[0]);
                    long offset = Long.parseLong(parts[1]);
                    if (partition >= 0 && offset >= 0) {
                        return new RecordAddress(partition, offset);
                    }
                }
            } catch (NumberFormatException e) {
                // fall through
            }
            throw new TypeConversionException("'" + value + "' is not a record address <partition>:<offset> (e.g. 3:1042)");
        }
    }
}
