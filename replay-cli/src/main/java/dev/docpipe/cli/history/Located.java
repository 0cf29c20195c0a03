package dev.docpipe.cli.history;

/** A decoded record and where it is. */
record Located<T>(T value, String topic, int partition, long offset) {}
