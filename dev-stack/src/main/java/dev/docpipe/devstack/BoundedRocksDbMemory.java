package dev.docpipe.devstack;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * The dev stack's pipeline keeps one RocksDB store per partition and store (24 with 12 partitions); with
 * Kafka Streams' defaults each gets its own block cache and 16 MiB memtables, so the native memory grows
 * with the partition count, not with the few documents a developer has. Here every store shares one
 * small block cache, which also holds the memtables (the write buffer manager counts them against it)
 * and the index and filter blocks: the pipeline's native memory is bounded by {@link #TOTAL_BYTES}.
 * The pattern is Kafka Streams' "bounded memory usage" recipe; the sizes are the dev stack's only,
 * the service's defaults are untouched.
 */
public final class BoundedRocksDbMemory implements RocksDBConfigSetter {
    static final long TOTAL_BYTES = 16L * 1024 * 1024;
    static final long MEMTABLE_BYTES = 4L * 1024 * 1024;
    private static final long WRITE_BUFFER_BYTES = 1024L * 1024;

    /**
     * Shared by every store of the JVM, for its whole life (close() must not free them); created at the
     * first store, not when Kafka Streams loads this class to check its configuration, before RocksDB's
     * native library is loaded.
     */
    private static final class Shared {
        static final Cache CACHE = new LRUCache(TOTAL_BYTES, -1, false, 0.1);
        static final WriteBufferManager WRITE_BUFFERS = new WriteBufferManager(MEMTABLE_BYTES, CACHE);
    }

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(Shared.CACHE);
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        options.setTableFormatConfig(table);
        options.setWriteBufferManager(Shared.WRITE_BUFFERS);
        options.setWriteBufferSize(WRITE_BUFFER_BYTES);
        options.setMaxWriteBufferNumber(2);
    }

    @Override
    public void close(String storeName, Options options) {
        // nothing of this store's own to free: the cache and the write buffer manager are shared
    }
}
