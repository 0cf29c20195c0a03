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
import dev.docpipe.model.json.ModelJson;
import dev.docpipe.model.outcome.CommandOutcome;
import dev.docpipe.model.outcome.OutcomeStatus;
import dev.docpipe.model.outcome.Reason;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The {@code documents} store's value format: compact binary, because every command and result reads
 * and writes its document (a record-cache hit is deserialised too), and the changelog carries every
 * write. It used to be plain JSON of {@link StoredDocument}: ~2.8 KB per document, two thirds of it
 * full remembered outcomes, and a third of the stream thread's CPU.
 *
 * <pre>
 * value    = version:byte(3) document? outcomes
 * document = present:byte(0|1) [ the fields of Document in component order ]
 *            (format 2: OcrStatus without lastRequestFailed and reprocessedFrom)
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
 * A value that starts with {@code '{'} is the previous JSON format and is still read, so a store
 * written by an older version restores without a rebuild; it is rewritten compactly on its next change.
 * A value this reader does not know fails the task (a store it cannot read is not a bad input record).
 */
public final class StoredDocumentSerde implements Serde<StoredDocument> {
    /** The current format: 3 added two fields to the OCR status. 1 was never written: {@code '{'} marks the legacy JSON. */
    static final byte VERSION = 3;
    /** The previous format, still read: stores and changelogs written before 3 restore without a rebuild. */
    static final byte VERSION_2 = 2;
    private static final byte LEGACY_JSON = '{';

    static final List<String> COMMAND_TYPES = Arrays.stream(CommandPayload.class.getPermittedSubclasses())
            .map(Class::getSimpleName).toList();
    private static final DocumentState[] STATES = DocumentState.values();
    private static final JobKind[] KINDS = JobKind.values();
    private static final OutcomeStatus[] STATUSES = OutcomeStatus.values();
    private static final Reason[] REASONS = Reason.values();

    @Override
    public Serializer<StoredDocument> serializer() {
        return (topic, value) -> value == null ? null : encode(value);
    }

    @Override
    public Deserializer<StoredDocument> deserializer() {
        return (topic, bytes) -> bytes == null ? null : decode(bytes);
    }

    public static byte[] encode(StoredDocument value) {
        Out out = new Out(value.document() == null ? 32 : 512);
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

    public static StoredDocument decode(byte[] bytes) {
        if (bytes.length == 0) {
            throw new SerializationException("empty documents store value");
        }
        if (bytes[0] == LEGACY_JSON) {
            return fromLegacyJson(bytes);
        }
        if (bytes[0] != VERSION && bytes[0] != VERSION_2) {
            throw new SerializationException("documents store value of unknown format " + bytes[0]
                    + " (this reader knows " + VERSION_2 + ", " + VERSION + " and legacy JSON)");
        }
        try {
            In in = new In(bytes, 1);
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

    private static void writeDocument(Out out, Document d) {
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
    }

    private static Document readDocument(In in, byte format) {
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
        return new Document(documentId, childId, owner, file, state, version, scan, ocr, review, job, lastFailure);
    }

    /** The previous format: {@code {"document":{…},"recentCommands":[full CommandOutcome…]}}. */
    record LegacyJson(Document document, List<CommandOutcome> recentCommands) {}

    private static StoredDocument fromLegacyJson(byte[] bytes) {
        try {
            LegacyJson legacy = ModelJson.read(bytes, LegacyJson.class);
            List<CommandOutcome> outcomes = legacy.recentCommands() == null ? List.of() : legacy.recentCommands();
            return new StoredDocument(legacy.document(), outcomes.stream().map(RememberedOutcome::of).toList());
        } catch (RuntimeException e) {
            throw new SerializationException("unreadable legacy JSON documents store value: " + e, e);
        }
    }

    /** A growing byte array; no streams, no copies until the end. */
    private static final class Out {
        private byte[] buf;
        private int pos;

        Out(int capacity) {
            buf = new byte[capacity];
        }

        void write(int b) {
            ensure(1);
            buf[pos++] = (byte) b;
        }

        void varint(int value) {
            varlong(value);
        }

        void varlong(long value) {
            ensure(10);
            long v = (value << 1) ^ (value >> 63); // zig-zag: small negatives stay small
            while ((v & ~0x7FL) != 0) {
                buf[pos++] = (byte) ((v & 0x7F) | 0x80);
                v >>>= 7;
            }
            buf[pos++] = (byte) v;
        }

        void uuid(UUID id) {
            ensure(16);
            putLong(id.getMostSignificantBits());
            putLong(id.getLeastSignificantBits());
        }

        void nullableUuid(UUID id) {
            write(id == null ? 0 : 1);
            if (id != null) {
                uuid(id);
            }
        }

        private void putLong(long v) {
            for (int shift = 56; shift >= 0; shift -= 8) {
                buf[pos++] = (byte) (v >>> shift);
            }
        }

        void string(String s) {
            if (s == null) {
                varint(0);
                return;
            }
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            varint(utf8.length + 1);
            ensure(utf8.length);
            System.arraycopy(utf8, 0, buf, pos, utf8.length);
            pos += utf8.length;
        }

        void strings(List<String> list) {
            if (list == null) {
                varint(0);
                return;
            }
            varint(list.size() + 1);
            for (String s : list) {
                string(s);
            }
        }

        void nullableInt(Integer value) {
            write(value == null ? 0 : 1);
            if (value != null) {
                varint(value);
            }
        }

        void enumValue(Enum<?> value) {
            varint(value == null ? 0 : value.ordinal() + 1);
        }

        void instant(Instant t) {
            varlong(t.getEpochSecond());
            varint(t.getNano());
        }

        void nullableInstant(Instant t) {
            write(t == null ? 0 : 1);
            if (t != null) {
                instant(t);
            }
        }

        private void ensure(int more) {
            if (pos + more > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + more));
            }
        }

        byte[] toByteArray() {
            return Arrays.copyOf(buf, pos);
        }
    }

    private static final class In {
        private final byte[] buf;
        private int pos;

        In(byte[] buf, int pos) {
            this.buf = buf;
            this.pos = pos;
        }

        boolean flag() {
            byte b = buf[pos++];
            if (b != 0 && b != 1) {
                throw new IllegalStateException("presence byte " + b + " at " + (pos - 1));
            }
            return b == 1;
        }

        long varlong() {
            long v = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                byte b = buf[pos++];
                v |= (long) (b & 0x7F) << shift;
                if (b >= 0) {
                    return (v >>> 1) ^ -(v & 1);
                }
            }
            throw new IllegalStateException("varint too long at " + pos);
        }

        int varint() {
            return Math.toIntExact(varlong());
        }

        int count() {
            int n = varint();
            if (n < 0 || n > buf.length - pos) {
                throw new IllegalStateException("count " + n + " at " + pos);
            }
            return n;
        }

        UUID uuid() {
            return new UUID(getLong(), getLong());
        }

        UUID nullableUuid() {
            return flag() ? uuid() : null;
        }

        List<UUID> uuids() {
            int n = count();
            List<UUID> ids = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                ids.add(uuid());
            }
            return ids;
        }

        private long getLong() {
            if (pos + 8 > buf.length) {
                throw new IllegalStateException("truncated at " + pos);
            }
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v = (v << 8) | (buf[pos++] & 0xFF);
            }
            return v;
        }

        String string() {
            int n = varint();
            if (n == 0) {
                return null;
            }
            int length = n - 1;
            if (length < 0 || length > buf.length - pos) {
                throw new IllegalStateException("string length " + length + " at " + pos);
            }
            String s = new String(buf, pos, length, StandardCharsets.UTF_8);
            pos += length;
            return s;
        }

        List<String> strings() {
            int n = varint();
            if (n == 0) {
                return null;
            }
            if (n < 0 || n - 1 > buf.length - pos) {
                throw new IllegalStateException("list size " + (n - 1) + " at " + pos);
            }
            List<String> list = new ArrayList<>(n - 1);
            for (int i = 1; i < n; i++) {
                list.add(string());
            }
            return list;
        }

        Integer nullableInt() {
            return flag() ? varint() : null;
        }

        Boolean nullableBoolean() {
            byte b = buf[pos++];
            return switch (b) {
                case 0 -> null;
                case 1 -> Boolean.FALSE;
                case 2 -> Boolean.TRUE;
                default -> throw new IllegalStateException("boolean byte " + b + " at " + (pos - 1));
            };
        }

        <E extends Enum<E>> E enumValue(E[] values) {
            int n = varint();
            return n == 0 ? null : values[n - 1];
        }

        Instant instant() {
            return Instant.ofEpochSecond(varlong(), varint());
        }

        Instant nullableInstant() {
            return flag() ? instant() : null;
        }

        void end() {
            if (pos != buf.length) {
                throw new IllegalStateException((buf.length - pos) + " trailing bytes");
            }
        }
    }
}
