package dev.docpipe.bench.infra;

import java.util.List;

/**
 * How a benchmark names the groups its JVM's threads fall into, for {@link ResourceMeter}'s per-thread CPU
 * breakdown: Java threads by their Java name (ThreadMXBean), every OS thread (GC, JIT, native libraries
 * included) by its {@code /proc/self/task/N/comm} name.
 */
public interface ThreadGroups {
    /** Groups of Java threads, in print order; the first is the one whose run-queue wait is printed alone. */
    List<String> javaGroups();

    /** Groups only the OS sees (GC, JIT, native background threads), in print order. */
    List<String> nativeGroups();

    String ofJavaThread(String name);

    /** One of {@link #nativeGroups()}, the first Java group, or anything else for "other". */
    String ofOsThread(String comm);
}
