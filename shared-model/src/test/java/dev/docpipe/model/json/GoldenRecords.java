package dev.docpipe.model.json;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The wire bytes of every sample record, for every schemaVersion its kind has had, committed under
 * {@code src/test/resources/golden/v<version>}: one file per record kind and version, one record per line
 * in the order of {@link Samples} (a record never holds a raw newline: JSON escapes it). These files are
 * the contract with the records already on the topics, which are kept for ever: they are written once,
 * by the release that introduced the version, and then only appended to (a new sample, a new type);
 * {@link #main} writes a file that does not exist yet and leaves existing ones alone. Every later reader
 * must read every one of them as its sample.
 */
enum GoldenRecords {
    COMMANDS("commands.jsonl", ModelJson.COMMANDS, Samples.commands()),
    EVENTS("events.jsonl", ModelJson.EVENTS, Samples.recordedEvents()),
    RESULTS("results.jsonl", ModelJson.RESULTS, Samples.results()),
    JOBS("jobs.jsonl", ModelJson.JOBS, Samples.jobs()),
    OUTCOMES("outcomes.jsonl", ModelJson.OUTCOMES, Samples.outcomes());

    /** The first version's directory, which holds the strict answers. */
    static final String DIRECTORY = directory(1);

    final String file;
    final Codec<Object> codec;
    final List<?> samples;

    @SuppressWarnings("unchecked")
    GoldenRecords(String file, Codec<?> codec, List<?> samples) {
        this.file = file;
        this.codec = (Codec<Object>) codec;
        this.samples = samples;
    }

    static String directory(int version) {
        return "golden/v" + version + "/";
    }

    /** Every version of this kind, the first to today's: each has its golden file. */
    List<Integer> versions() {
        return IntStream.rangeClosed(1, codec.schemaVersion()).boxed().toList();
    }

    /** The committed records of today's version, one byte array per line. */
    List<byte[]> committed() {
        return committed(codec.schemaVersion());
    }

    /** The committed records of {@code version}, one byte array per line. */
    List<byte[]> committed(int version) {
        String path = directory(version) + file;
        try (InputStream in = GoldenRecords.class.getResourceAsStream("/" + path)) {
            if (in == null) {
                throw new IllegalStateException(path + " is not on the test classpath: the golden records of "
                        + "every version a kind has had are read for ever");
            }
            return lines(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What today's writer makes of the samples, in the committed form. */
    byte[] written() {
        List<byte[]> records = samples.stream().map(codec::encode).toList();
        int size = records.stream().mapToInt(r -> r.length + 1).sum();
        byte[] out = new byte[size];
        int at = 0;
        for (byte[] record : records) {
            System.arraycopy(record, 0, out, at, record.length);
            at += record.length;
            out[at++] = '\n';
        }
        return out;
    }

    private static List<byte[]> lines(byte[] content) {
        List<byte[]> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < content.length; i++) {
            if (content[i] == '\n') {
                out.add(Arrays.copyOfRange(content, start, i));
                start = i + 1;
            }
        }
        if (start < content.length) {
            throw new IllegalStateException("the last record has no line end");
        }
        return out;
    }

    /**
     * Writes the golden files of today's versions that are missing under {@code args[0]} (default:
     * shared-model's test resources), and the strict answers.
     */
    public static void main(String[] args) throws IOException {
        Path resources = Path.of(args.length > 0 ? args[0] : "shared-model/src/test/resources");
        Path directory = resources.resolve(DIRECTORY);
        for (GoldenRecords kind : values()) {
            Path versionDirectory = resources.resolve(directory(kind.codec.schemaVersion()));
            Files.createDirectories(versionDirectory);
            Path target = versionDirectory.resolve(kind.file);
            if (Files.exists(target)) {
                System.out.println("kept    " + target + " (golden files are appended to by hand, never rewritten)");
            } else {
                Files.write(target, kind.written());
                System.out.println("written " + target + " (" + kind.samples.size() + " records)");
            }
        }
        String answers = StrictAnswers.compute();
        Path target = directory.resolve(StrictAnswers.FILE);
        Files.writeString(target, answers, StandardCharsets.UTF_8);
        System.out.println("written " + target);
    }
}
