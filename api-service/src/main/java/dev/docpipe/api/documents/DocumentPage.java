package dev.docpipe.api.documents;

import java.util.List;

/** A page of a child's documents, newest first. */
public record DocumentPage(List<DocumentView> items, int page, int size, boolean hasNext) {}
