package io.deepedge.hw.agent;

import io.deepedge.hw.rpc.FloatCodec;
import io.deepedge.hw.rpc.v1.MetricsSnapshot;
import io.deepedge.hw.rpc.v1.ServiceWindow;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.util.List;

/** The agent's counters over the current metrics window; {@link #drain} closes the window and opens the next. */
final class AgentMetrics {
    private final String agentName;
    private long windowStartUnixMs;
    private long windowStartCpuNanos;
    private long windowStartNanos;
    private long gradients;
    private long samples;
    private long gradientNanos;
    private final CollectorCpu collectorCpu = CollectorCpu.ofThisProcess();
    private final CollectorCpu cleanupCpu = CollectorCpu.cleanupOfThisProcess();
    private long windowStartGcCount;
    private long windowStartGcMs;

    AgentMetrics(String agentName) {
        this.agentName = agentName;
        this.windowStartUnixMs = System.currentTimeMillis();
        this.windowStartNanos = System.nanoTime();
        this.windowStartCpuNanos = processCpuNanos();
        long[] gc = gcTotals();
        this.windowStartGcCount = gc[0];
        this.windowStartGcMs = gc[1];
        collectorCpu.drainMs(); // the first window counts from here, as the others
        cleanupCpu.drainMs();
    }

    synchronized void recordGradient(long sampleCount, long elapsedNanos) {
        gradients++;
        samples += sampleCount;
        gradientNanos += elapsedNanos;
    }

    /** The window since the previous drain (or the start), with the services' windows from {@code host}. */
    MetricsSnapshot drain(InferenceHost host) {
        List<ServiceWindowStats> services = host.drainWindow();
        MetricsSnapshot.Builder snapshot = MetricsSnapshot.newBuilder().setAgentName(agentName);
        double windowSec;
        synchronized (this) {
            long nowNanos = System.nanoTime();
            long nowUnixMs = System.currentTimeMillis();
            long cpuNanos = processCpuNanos();
            long[] gc = gcTotals();
            long gcCount = gc[0];
            long gcMs = gc[1];
            windowSec = Math.max(1e-9, (nowNanos - windowStartNanos) / 1e9);
            snapshot.setWindowStartUnixMs(windowStartUnixMs).setWindowEndUnixMs(nowUnixMs)
                    .setProcessCpuCores(cpuNanos < 0 ? 0 : (cpuNanos - windowStartCpuNanos) / 1e9 / windowSec)
                    .setGradientsComputed(gradients).setSamplesComputed(samples)
                    .setGradientComputeMs(gradientNanos / 1e6)
                    .setGcPauses(Math.max(0, gcCount - windowStartGcCount))
                    .setGcPauseMs(Math.max(0, gcMs - windowStartGcMs)).setGcPauseCpuMs(collectorCpu.drainMs())
                    .setGcCleanupCpuMs(cleanupCpu.drainMs());
            windowStartUnixMs = nowUnixMs;
            windowStartNanos = nowNanos;
            windowStartCpuNanos = cpuNanos;
            windowStartGcCount = gcCount;
            windowStartGcMs = gcMs;
            gradients = 0;
            samples = 0;
            gradientNanos = 0;
        }
        for (ServiceWindowStats s : services) {
            snapshot.addServices(ServiceWindow.newBuilder().setServiceId(s.serviceId()).setArrivals(s.arrivals())
                    .setArrivalRatePerSec(s.arrivals() / windowSec).setCompleted(s.completed())
                    .setDeadlineMisses(s.deadlineMisses()).setUnfinished(s.unfinished())
                    .setLatencyMs(FloatCodec.encode(s.latencyMs())).setServiceMs(FloatCodec.encode(s.serviceMs()))
                    .setServiceCpuMs(FloatCodec.encode(s.serviceCpuMs()))
                    .setQueueMs(FloatCodec.encode(s.queueMs())));
        }
        return snapshot.build();
    }

    /**
     * Collections so far over all of the JVM's collectors and their accumulated wall time in ms, in one pass (a bean
     * that does not tell counts 0).
     */
    private static long[] gcTotals() {
        long n = 0;
        long ms = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            n += Math.max(0, gc.getCollectionCount());
            ms += Math.max(0, gc.getCollectionTime());
        }
        return new long[] {n, ms};
    }

    /** CPU time of this JVM in ns, or -1 where the platform does not tell. */
    static long processCpuNanos() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean hotspot) {
            return hotspot.getProcessCpuTime();
        }
        return -1;
    }
}
