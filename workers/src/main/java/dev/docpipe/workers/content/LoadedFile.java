package dev.docpipe.workers.content;

/**
 * A job's file, read into memory (bounded by {@code docpipe.worker.max-file-bytes}), with the type
 * its content says it is. The client's content type and file name are never trusted for this.
 *
 * @param mediaType the detected media type without parameters, e.g. {@code image/png}
 */
public record LoadedFile(byte[] bytes, String mediaType, FileType type) {}
