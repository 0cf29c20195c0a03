package dev.docpipe.cli.backfill;

import dev.docpipe.model.document.Document;
import java.time.Instant;

/** A document registered in the backfill's range, as the read model or the event log has it. */
record Candidate(Document document, Instant registeredAt) {}
