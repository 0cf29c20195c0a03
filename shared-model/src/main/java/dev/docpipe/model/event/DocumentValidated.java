package dev.docpipe.model.event;

/** @param reviewVersion the review version that was signed off */
public record DocumentValidated(long reviewVersion) implements DocumentEvent {}
