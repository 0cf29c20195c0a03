package dev.docpipe.model.json;

/** A kind of record on its topic: the one reader and the one writer, for that kind's {@link WireLayout}. */
final class WireCodec<T, W> implements Codec<T> {
    private final WireLayout<T, W> layout;
    private final SchemaHistory history;
    private final WireReader<T, W> reader;
    private final WireWriter<T, W> writer;

    WireCodec(WireLayout<T, W> layout, SchemaHistory history) {
        this.layout = layout;
        this.history = history;
        this.reader = new WireReader<>(layout, history);
        this.writer = new WireWriter<>(layout, history.currentVersion());
    }

    @Override
    public int schemaVersion() {
        return history.currentVersion();
    }

    @Override
    public byte[] encode(T value) {
        return writer.write(value);
    }

    @Override
    public T decode(byte[] bytes) {
        return reader.read(bytes);
    }

    WireLayout<T, W> layout() {
        return layout;
    }

    WireReader<T, W> reader() {
        return reader;
    }
}
