package dev.docpipe.bench.infra;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;

/**
 * CPU and memory of one measured phase: this JVM's process CPU time (OperatingSystemMXBean; it includes the
 * in-process Kafka broker, which every approach uses) plus the CPU of the external processes the approach
 * uses (PostgreSQL's process tree, redis-server, the pipeline's child JVMs), and peaks of heap and of the external processes' proportional resident memory (PSS)
 * sampled every 100 ms.
 */
public final class ResourceMeter implements AutoCloseable {
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    private final Supplier<Set<Long>> externalRoots;
    private final long wallStart = System.nanoTime();
    private final double jvmCpuStart = jvmCpuSeconds();
    private final double externalCpuStart;
    private final Thread sampler;
    private volatile boolean running = true;
    private volatile long heapPeak;
    private volatile double rssPeakMb;

    /** @param externalRoots the pids whose trees count as this phase's external processes (asked each sample) */
    public ResourceMeter(Supplier<Set<Long>> externalRoots) {
        this.externalRoots = externalRoots;
        this.externalCpuStart = externalCpu();
        this.sampler = new Thread(this::sample, "resource-meter");
        sampler.setDaemon(true);
        sampler.start();
    }

    private void sample() {
        while (running) {
            heapPeak = Math.max(heapPeak, MEMORY.getHeapMemoryUsage().getUsed());
            rssPeakMb = Math.max(rssPeakMb, ProcStat.treePssMb(roots()));
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private Set<Long> roots() {
        return new HashSet<>(externalRoots.get());
    }

    private double externalCpu() {
        return ProcStat.treeCpuSeconds(roots()) + ProcStat.reapedChildrenCpuSeconds();
    }

    public Usage stop() {
        running = false;
        sampler.interrupt();
        double wall = (System.nanoTime() - wallStart) / 1e9;
        return new Usage(wall, jvmCpuSeconds() - jvmCpuStart, Math.max(0, externalCpu() - externalCpuStart),
                heapPeak / 1e6, rssPeakMb);
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
    }

    static double jvmCpuSeconds() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() / 1e9 : 0;
    }

    /**
     * @param jvmCpuSeconds this JVM (clients, approach code, Kafka clients, the in-process broker, and for
     *     docpipe's in-process run the Streams decider)
     * @param externalCpuSeconds PostgreSQL, redis-server and child JVMs
     * @param externalRssPeakMb peak summed PSS (resident, shared pages split between sharers) of the external processes
     */
    public record Usage(double wallSeconds, double jvmCpuSeconds, double externalCpuSeconds, double heapPeakMb,
            double externalRssPeakMb) {
        public double totalCpuSeconds() {
            return jvmCpuSeconds + externalCpuSeconds;
        }
    }
}
