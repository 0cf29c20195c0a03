package dev.docpipe.bench.infra;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The benchmarks' one resource meter: CPU and memory of one measured phase. It counts this JVM's process
 * CPU time (OperatingSystemMXBean: clients, harness, and whatever runs in process, such as the embedded
 * broker), the CPU of the external processes the phase uses (the trees under {@code externalRoots}:
 * PostgreSQL's postmaster and backends, redis-server, the pipeline's or the API's child JVMs) plus this
 * JVM's children that already exited (killed pipeline JVMs, tesseract runs), and peaks of this JVM's heap
 * and of the external processes' proportional resident memory (PSS), sampled every 100 ms. With
 * {@link ThreadGroups} it also says which of this JVM's threads used the CPU ({@link ThreadCpu}).
 */
public final class ResourceMeter implements AutoCloseable {
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();
    private static final long SAMPLE_MS = 100;

    private final Supplier<Set<Long>> externalRoots;
    private final ThreadGroups groups;
    private final ThreadCpu threadsAtStart;
    private final String loadAtStart = Machine.loadAverage();
    private final long wallStart = System.nanoTime();
    private final double jvmCpuStart = jvmCpuSeconds();
    private final double externalCpuStart;
    private final Thread sampler;
    private volatile boolean running = true;
    private volatile long heapPeak;
    private volatile double pssPeakMb;

    private ResourceMeter(Supplier<Set<Long>> externalRoots, ThreadGroups groups) {
        this.externalRoots = externalRoots;
        this.groups = groups;
        this.threadsAtStart = groups == null ? null : ThreadCpu.snapshot(groups);
        this.externalCpuStart = externalCpu();
        this.sampler = Thread.ofPlatform().name("resource-meter").daemon().start(this::sample);
    }

    /** This JVM and its children that exit during the phase. */
    public static ResourceMeter start() {
        return new ResourceMeter(Set::of, null);
    }

    /** @param externalRoots the pids whose trees count as this phase's external processes (asked each sample) */
    public static ResourceMeter start(Supplier<Set<Long>> externalRoots) {
        return new ResourceMeter(externalRoots, null);
    }

    /** This JVM, with the CPU of its threads broken down into {@code groups}. */
    public static ResourceMeter start(ThreadGroups groups) {
        return new ResourceMeter(Set::of, groups);
    }

    private void sample() {
        while (running) {
            heapPeak = Math.max(heapPeak, MEMORY.getHeapMemoryUsage().getUsed());
            Set<Long> roots = externalRoots.get();
            if (!roots.isEmpty()) { // walking /proc costs CPU of its own: only when there is something to see
                pssPeakMb = Math.max(pssPeakMb, ProcStat.treePssMb(roots));
            }
            try {
                Thread.sleep(SAMPLE_MS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private double externalCpu() {
        Set<Long> roots = externalRoots.get();
        return (roots.isEmpty() ? 0 : ProcStat.treeCpuSeconds(roots)) + ProcStat.reapedChildrenCpuSeconds();
    }

    public Usage stop() {
        running = false;
        sampler.interrupt();
        double wall = (System.nanoTime() - wallStart) / 1e9;
        double jvm = jvmCpuSeconds() - jvmCpuStart;
        Optional<ThreadCpu.Breakdown> threads = threadsAtStart == null ? Optional.empty()
                : Optional.of(threadsAtStart.until(ThreadCpu.snapshot(groups), wall, jvm));
        heapPeak = Math.max(heapPeak, MEMORY.getHeapMemoryUsage().getUsed());
        return new Usage(wall, jvm, Math.max(0, externalCpu() - externalCpuStart), heapPeak / 1e6, pssPeakMb,
                threads, loadAtStart + " -> " + Machine.loadAverage());
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
    }

    private static double jvmCpuSeconds() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() / 1e9 : 0;
    }

    /**
     * @param jvmCpuSeconds this JVM (clients, harness, Kafka clients, whatever runs in process)
     * @param externalCpuSeconds the external process trees and this JVM's exited children
     * @param heapPeakMb this JVM's peak used heap, sampled
     * @param externalPssPeakMb peak summed PSS (resident, shared pages split between sharers) of the external processes
     * @param threads where this JVM's CPU went, if the meter was given {@link ThreadGroups}
     * @param load the machine's 1-minute load average at start and at stop
     */
    public record Usage(double wallSeconds, double jvmCpuSeconds, double externalCpuSeconds, double heapPeakMb,
            double externalPssPeakMb, Optional<ThreadCpu.Breakdown> threads, String load) {
        public double totalCpuSeconds() {
            return jvmCpuSeconds + externalCpuSeconds;
        }

        /** The thread breakdown and the load average, for a phase line. */
        public String describeThreads() {
            return threads.map(ThreadCpu.Breakdown::describe).orElse("process %.2f cores".formatted(
                    jvmCpuSeconds / wallSeconds)) + "; load average " + load;
        }
    }

    /** This JVM's heap now: used, used after a full GC, the heap pools' peaks, committed, max (MB). */
    public static Heap heap() {
        Runtime rt = Runtime.getRuntime();
        long used = rt.totalMemory() - rt.freeMemory();
        long peaks = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                peaks += pool.getPeakUsage().getUsed();
            }
        }
        System.gc();
        long afterGc = rt.totalMemory() - rt.freeMemory();
        return new Heap(used >> 20, afterGc >> 20, peaks >> 20, rt.totalMemory() >> 20, rt.maxMemory() >> 20);
    }

    public record Heap(long usedMb, long afterGcMb, long poolPeaksMb, long committedMb, long maxMb) {
        public String describe() {
            return "used %,d MB (%,d MB after GC), sum of pool peaks %,d MB, committed %,d MB, max %,d MB"
                    .formatted(usedMb, afterGcMb, poolPeaksMb, committedMb, maxMb);
        }
    }
}
