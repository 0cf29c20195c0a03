package dev.docpipe.history.dlq;

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

    /** Parses {@code partition:offset}; refuses anything else. */
    public static RecordAddress parse(String value) {
        String[] parts = value == null ? new String[0] : value.strip().split(":");
        try {
            if (parts.length == 2) {
                int partition = Integer.parseInt(parts[0]);
                long offset = Long.parseLong(parts[1]);
                if (partition >= 0 && offset >= 0) {
                    return new RecordAddress(partition, offset);
                }
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new IllegalArgumentException("'" + value + "' is not a record address <partition>:<offset> (e.g. 3:1042)");
    }
}
