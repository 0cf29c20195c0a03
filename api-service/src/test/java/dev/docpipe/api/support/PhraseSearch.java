package dev.docpipe.api.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Looks for phrases in raw bytes, wherever docpipe keeps data: every partition of every topic from offset 0
 * (read_uncommitted, so aborted records count too; keys, values and header values), every column of every
 * table of a database, every file under a directory, log lines. Phrases are ASCII, so a byte-for-byte search
 * finds them in UTF-8 text, JSON and binary formats alike (encrypted or encoded copies are, rightly, not
 * found: they are not readable).
 */
public final class PhraseSearch {
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    private final List<String> phrases;

    public PhraseSearch(Collection<String> phrases) {
        this.phrases = List.copyOf(phrases);
    }

    /** Where each phrase was found (phrases found nowhere are absent). */
    public record Hits(Map<String, List<String>> places) {
        public List<String> of(String phrase) {
            return places.getOrDefault(phrase, List.of());
        }

        /** The hits of these phrases only. */
        public Map<String, List<String>> only(Collection<String> phrases) {
            Map<String, List<String>> found = new LinkedHashMap<>();
            phrases.forEach(p -> {
                if (places.containsKey(p)) {
                    found.put(p, places.get(p));
                }
            });
            return found;
        }
    }

    private final class Finder {
        private final Map<String, List<String>> places = new LinkedHashMap<>();

        void look(String place, byte[] bytes) {
            if (bytes == null) {
                return;
            }
            // ISO-8859-1 maps each byte to one char: an ASCII phrase matches exactly where its bytes are
            String text = new String(bytes, StandardCharsets.ISO_8859_1);
            for (String phrase : phrases) {
                if (text.contains(phrase)) {
                    places.computeIfAbsent(phrase, p -> new ArrayList<>()).add(place);
                }
            }
        }

        Hits hits() {
            return new Hits(places);
        }
    }

    /** Every record of every topic on the broker, internal ones included, from the beginning. */
    public Hits topics(String bootstrapServers) {
        Finder finder = new Finder();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
                KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted",
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                        ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2_000,
                        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            Set<String> topics = admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get();
            List<TopicPartition> partitions = admin.describeTopics(topics).allTopicNames().get().values().stream()
                    .flatMap(d -> d.partitions().stream().map(p -> new TopicPartition(d.name(), p.partition())))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (!end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("did not reach the end of every partition: " + end);
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    String place = r.topic() + "-" + r.partition() + "@" + r.offset();
                    finder.look(place + " key", r.key());
                    finder.look(place + " value", r.value());
                    for (Header header : r.headers()) {
                        finder.look(place + " header " + header.key(), header.value());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e);
        }
        return finder.hits();
    }

    /** Every column of every row of every table in every schema of the database but PostgreSQL's own. */
    public Hits database(DataSource database) {
        Finder finder = new Finder();
        try (Connection c = database.getConnection(); Statement tables = c.createStatement();
                ResultSet names = tables.executeQuery("""
                        SELECT table_schema, table_name FROM information_schema.tables
                         WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')
                         ORDER BY 1, 2""")) {
            List<String> qualified = new ArrayList<>();
            while (names.next()) {
                qualified.add('"' + names.getString(1) + "\".\"" + names.getString(2) + '"');
            }
            for (String table : qualified) {
                try (Statement select = c.createStatement(); ResultSet rows = select.executeQuery(
                        "SELECT * FROM " + table)) {
                    ResultSetMetaData meta = rows.getMetaData();
                    while (rows.next()) {
                        for (int i = 1; i <= meta.getColumnCount(); i++) {
                            String place = table + "." + meta.getColumnName(i);
                            finder.look(place, binary(meta.getColumnType(i)) ? rows.getBytes(i)
                                    : bytesOf(rows.getString(i)));
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return finder.hits();
    }

    /** The raw bytes of every file under {@code root} (files deleted while walking are skipped). */
    public Hits directory(Path root) {
        Finder finder = new Finder();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                try {
                    finder.look(root.relativize(file).toString(), Files.readAllBytes(file));
                } catch (NoSuchFileException e) {
                    // a RocksDB file compacted away meanwhile: its bytes are gone
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return finder.hits();
    }

    public Hits lines(List<String> lines) {
        Finder finder = new Finder();
        for (int i = 0; i < lines.size(); i++) {
            finder.look("log line " + (i + 1) + ": " + abbreviated(lines.get(i)), bytesOf(lines.get(i)));
        }
        return finder.hits();
    }

    private static String abbreviated(String line) {
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }

    private static boolean binary(int sqlType) {
        return sqlType == Types.BINARY || sqlType == Types.VARBINARY || sqlType == Types.LONGVARBINARY
                || sqlType == Types.BLOB;
    }

    private static byte[] bytesOf(String text) {
        return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
    }
}
