package dev.docpipe.cli.audit;

import java.util.Map;
import java.util.TreeMap;

/** What the audit saw (mutable while folding, reported as is). */
public final class AuditCounts {
    public long events;
    public long unreadableEvents;
    public long documents;
    public long scanJobs;
    public long ocrJobs;
    public long reissues;
    public long acceptedResults;
    public long staleResults;
    public long leaseExpiries;
    public long erasedResultsDiscarded;
    /** Personal field values in the events, sealed ("dp1:…") or legacy plain text (written before sealing). */
    public long sealedPersonalFields;
    public long legacyPlaintextPersonalFields;
    public final Map<String, Long> states = new TreeMap<>();
    public final Map<String, Long> eventTypes = new TreeMap<>();
}
