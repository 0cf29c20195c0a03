package dev.docpipe.model.json;

/** A kind of record on its topic: the one reader and the one writer, for that kind's {@link WireLayout}. */
final class WireCodec<T, W> implements Codec<T> {
    private final WireLayout<T, W> layout;
    private final WireReader<T, W> reader;
    private final WireWriter<T, W> writer;

    WireCodec(WireLayout<T, W> layout) {
        this.layout = layout;
        this.reader = new WireReader<>(layout);
        this.writer = new WireWriter<>(layout);
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
