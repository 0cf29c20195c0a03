package dev.docpipe.cli.fold;

/** A record that the model's codec refuses (it would be dead-lettered by a reader). */
public record Unreadable(String topic, int partition, long offset, String reason, String detail)
        implements EventLog.Entry {}
