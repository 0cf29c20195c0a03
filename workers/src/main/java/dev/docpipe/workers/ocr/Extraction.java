package dev.docpipe.workers.ocr;

/** Extracted text and what produced it (reported as OcrSucceeded's engine and engineVersion). */
record Extraction(String text, String engine, String engineVersion) {}
