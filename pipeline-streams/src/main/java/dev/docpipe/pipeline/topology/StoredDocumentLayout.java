package dev.docpipe.pipeline.topology;

import dev.docpipe.model.command.CommandPayload;
import dev.docpipe.model.document.Document;
import dev.docpipe.model.document.DocumentState;
import dev.docpipe.model.document.FileRef;
import dev.docpipe.model.document.JobLease;
import dev.docpipe.model.document.OcrStatus;
import dev.docpipe.model.document.ReviewFields;
import dev.docpipe.model.document.ReviewStatus;
import dev.docpipe.model.document.ScanReport;
import dev.docpipe.model.document.ScanStatus;
import dev.docpipe.model.job.JobKind;
import dev.docpipe.model.outcome.OutcomeStatus;
import dev.docpipe.model.outcome.Reason;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.common.errors.SerializationException;

/**
 * The layout of a {@code documents} store value ({@link StoredDocument}): compact binary, because every
 * command and result reads and writes its document (a record-cache hit is deserialised too) and the
 * changelog carries every write. Why binary and not JSON: docs/decisions/0002-binary-store-format.md.
 *
 * <pre>
 * value    = version:byte(3) document? outcomes
 * document = present:byte(0|1) [ the fields of Document in component order ]
 *            (format 2: OcrStatus without lastRequestFailed and reprocessedFrom;
 *             formats 2 and 3: without formerTextRefs, read as none)
 * outcomes = count:varint { commandId:uuid commandType status:enum reason:enum state:enum?
 *                           documentVersion:varlong reviewVersion:varlong scanAttempt:varint
 *                           jobIds:(count:varint uuid*) decidedAt:instant }
 * varint/varlong: zig-zag LEB128; uuid: 16 bytes; instant: seconds:varlong nanos:varint;
 * string?: (length + 1):varint UTF-8 bytes, 0 = null; enum?: (position + 1):varint, 0 = null;
 * object?: a 0/1 byte before the fields.
 * </pre>
 *
 * Enums and command types are written by their position ({@link #COMMAND_TYPES}): append new
 * constants at the end only, or bump {@link #VERSION} (StoredDocumentFormatTest pins the order).
 * Values of the previous format are still read, so a store or changelog written by the previous release
 * restores without a rebuild; they are rewritten in the current format on their next change. A value
 * this reader does not know fails the task (a store it cannot read is not a bad input record).
 */
final class StoredDocumentLayout {
    /**
     * The current format: 4 added the document's former text refs (erasure purges every blob the document
     * ever referenced); 3 added two fields to the OCR status. 1 was never released.
     */
    static final byte VERSION = 4;
    /** Earlier formats, still read. */
    static final byte VERSION_3 = 3;
    static final byte VERSION_2 = 2;

    static final List<String> COMMAND_TYPES = Arrays.stream(CommandPayload.class.getPermittedSubclasses())
            .map(Class::getSimpleName).toList();
    private static final DocumentState[] STATES = DocumentState.values();
    private static final JobKind[] KINDS = JobKind.values();
    private static final OutcomeStatus[] STATUSES = OutcomeStatus.values();
    private static final Reason[] REASONS = Reason.values();

    private StoredDocumentLayout() {}

    static byte[] encode(StoredDocument value) {
        BinaryWriter out = new BinaryWriter(value.document() == null ? 32 : 512);
        out.write(VERSION);
        Document d = value.document();
        out.write(d == null ? 0 : 1);
        if (d != null) {
            writeDocument(out, d);
        }
        out.varint(value.recentCommands().size());
        for (RememberedOutcome o : value.recentCommands()) {
            out.uuid(o.commandId());
            int code = COMMAND_TYPES.indexOf(o.commandType());
            out.varint(code + 1);
            if (code < 0) {
                out.string(o.commandType());
            }
            out.enumValue(o.status());
            out.enumValue(o.reason());
            out.enumValue(o.state());
            out.varlong(o.documentVersion());
            out.varlong(o.reviewVersion());
            out.varint(o.scanAttempt());
            out.varint(o.jobIds().size());
            for (UUID jobId : o.jobIds()) {
                out.uuid(jobId);
            }
            out.instant(o.decidedAt());
        }
        return out.toByteArray();
    }

    static StoredDocument decode(byte[] bytes) {
        if (bytes.length == 0) {
            throw new SerializationException("empty documents store value");
        }
        if (bytes[0] != VERSION && bytes[0] != VERSION_3 && bytes[0] != VERSION_2) {
            throw new SerializationException("documents store value of unknown format " + bytes[0]
                    + " (this reader knows " + VERSION_2 + " to " + VERSION + ")");
        }
        try {
            BinaryReader in = new BinaryReader(bytes, 1);
            Document document = in.flag() ? readDocument(in, bytes[0]) : null;
            int count = in.count();
            List<RememberedOutcome> outcomes = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                UUID commandId = in.uuid();
                int code = in.varint();
                String commandType = code == 0 ? in.string() : COMMAND_TYPES.get(code - 1);
                outcomes.add(new RememberedOutcome(commandId, commandType, in.enumValue(STATUSES),
                        in.enumValue(REASONS), in.enumValue(STATES), in.varlong(), in.varlong(), in.varint(),
                        in.uuids(), in.instant()));
            }
            in.end();
            return new StoredDocument(document, outcomes);
        } catch (SerializationException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new SerializationException("unreadable documents store value: " + e, e);
        }
    }

    private static void writeDocument(BinaryWriter out, Document d) {
        out.nullableUuid(d.documentId());
        out.nullableUuid(d.childId());
        out.string(d.owner());
        FileRef file = d.file();
        out.write(file == null ? 0 : 1);
        if (file != null) {
            out.string(file.blobRef());
            out.string(file.contentType());
            out.varlong(file.sizeBytes());
            out.string(file.fileName());
        }
        out.enumValue(d.state());
        out.varlong(d.version());
        ScanStatus scan = d.scan();
        out.write(scan == null ? 0 : 1);
        if (scan != null) {
            out.varint(scan.attempt());
            ScanReport r = scan.report();
            out.write(r == null ? 0 : 1);
            if (r != null) {
                out.string(r.detectedType());
                out.nullableInt(r.pageCount());
                out.nullableInt(r.widthPx());
                out.nullableInt(r.heightPx());
                out.nullableInt(r.dpi());
                out.string(r.language());
                out.write(r.hasTextLayer() == null ? 0 : r.hasTextLayer() ? 2 : 1);
                out.strings(r.qualityWarnings());
            }
        }
        OcrStatus ocr = d.ocr();
        out.write(ocr == null ? 0 : 1);
        if (ocr != null) {
            out.varint(ocr.attempt());
            out.string(ocr.engine());
            out.string(ocr.engineVersion());
            out.string(ocr.requestedEngineVersion());
            out.string(ocr.textRef());
            out.varlong(ocr.textLength());
            out.write(ocr.lastRequestFailed() ? 1 : 0);
            out.enumValue(ocr.reprocessedFrom());
        }
        ReviewStatus review = d.review();
        out.write(review == null ? 0 : 1);
        if (review != null) {
            out.varlong(review.version());
            ReviewFields f = review.fields();
            out.write(f == null ? 0 : 1);
            if (f != null) {
                out.string(f.title());
                out.string(f.subject());
                out.string(f.language());
                out.strings(f.tags());
                out.string(f.correctedText());
            }
        }
        JobLease job = d.currentJob();
        out.write(job == null ? 0 : 1);
        if (job != null) {
            out.nullableUuid(job.jobId());
            out.enumValue(job.kind());
            out.varint(job.attempt());
            out.nullableInstant(job.deadline());
            out.varint(job.issue());
            out.string(job.engineVersion());
        }
        out.string(d.lastFailure());
        out.strings(d.formerTextRefs());
    }

    private static Document readDocument(BinaryReader in, byte format) {
        UUID documentId = in.nullableUuid();
        UUID childId = in.nullableUuid();
        String owner = in.string();
        FileRef file = in.flag() ? new FileRef(in.string(), in.string(), in.varlong(), in.string()) : null;
        DocumentState state = in.enumValue(STATES);
        long version = in.varlong();
        ScanStatus scan = null;
        if (in.flag()) {
            int attempt = in.varint();
            ScanReport report = in.flag() ? new ScanReport(in.string(), in.nullableInt(), in.nullableInt(),
                    in.nullableInt(), in.nullableInt(), in.string(), in.nullableBoolean(), in.strings()) : null;
            scan = new ScanStatus(attempt, report);
        }
        OcrStatus ocr = null;
        if (in.flag()) {
            int attempt = in.varint();
            String engine = in.string();
            String engineVersion = in.string();
            String requestedEngineVersion = in.string();
            String textRef = in.string();
            long textLength = in.varlong();
            // Format 2 failed every OCR request into OCR_FAILED and knew no other way back: a document there
            // had a failed latest request, and no request in flight to return from.
            boolean lastRequestFailed = format == VERSION_2 ? state == DocumentState.OCR_FAILED : in.flag();
            DocumentState reprocessedFrom = format == VERSION_2 ? null : in.enumValue(STATES);
            ocr = new OcrStatus(attempt, engine, engineVersion, requestedEngineVersion, textRef, textLength,
                    lastRequestFailed, reprocessedFrom);
        }
        ReviewStatus review = null;
        if (in.flag()) {
            long reviewVersion = in.varlong();
            ReviewFields fields = in.flag()
                    ? new ReviewFields(in.string(), in.string(), in.string(), in.strings(), in.string())
                    : null;
            review = new ReviewStatus(reviewVersion, fields);
        }
        JobLease job = in.flag() ? new JobLease(in.nullableUuid(), in.enumValue(KINDS), in.varint(),
                in.nullableInstant(), in.varint(), in.string()) : null;
        String lastFailure = in.string();
        // Formats 2 and 3 did not keep the texts a re-extraction replaced: DocumentErased of such a document
        // names its file and current text only; the older ones are in its TextExtracted events (decision 0012).
        List<String> formerTextRefs = format == VERSION ? in.strings() : List.of();
        return new Document(documentId, childId, owner, file, state, version, scan, ocr, review, job, lastFailure,
                formerTextRefs);
    }
}
