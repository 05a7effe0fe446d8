package io.deepedge.hw.coordinator;

import io.deepedge.hw.cgroup.CpuQuotas;
import io.deepedge.hw.cluster.AgentCluster;
import io.deepedge.hw.load.RunClock;
import io.deepedge.models.CfsCounts;
import io.deepedge.models.metrics.MetricsWindow;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Each agent's throttled CFS periods over a run's metrics window, for runs.csv's {@code cfs_throttled_share} beside
 * the twin's: its cgroup's {@code nr_throttled} ({@code cpu.stat}) read when the window opens and when it closes, on
 * the run clock, by a thread of its own (the coordinator's threads are busy with the job then), over the periods the
 * time between the readings holds ({@link CfsCounts}: the twin counts every period of the window too). A device whose
 * cgroup this cluster does not read (remote agents), or whose count went backwards, is left out.
 */
final class CfsWindow implements AutoCloseable {
    private final AgentCluster cluster;
    private final List<String> devices;
    private final Thread reader;
    // written by the reader, read after joining it
    private Map<String, Long> throttledAtStart = Map.of();
    private Map<String, Long> throttledAtEnd = Map.of();
    private long startNanos;
    private long endNanos;

    private CfsWindow(AgentCluster cluster, Collection<String> devices, MetricsWindow window, RunClock clock) {
        this.cluster = cluster;
        this.devices = List.copyOf(devices);
        this.reader = new Thread(() -> {
            try {
                Coordinator.sleepUntil(clock, window.fromSec());
                startNanos = System.nanoTime();
                throttledAtStart = throttled();
                Coordinator.sleepUntil(clock, window.toSec());
                endNanos = System.nanoTime();
                throttledAtEnd = throttled();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "cfs-window");
        reader.setDaemon(true);
    }

    /** Starts reading: at {@code window}'s start (now, when it has passed) and end on {@code clock}. */
    static CfsWindow start(AgentCluster cluster, Collection<String> devices, MetricsWindow window, RunClock clock) {
        CfsWindow w = new CfsWindow(cluster, devices, window, clock);
        w.reader.start();
        return w;
    }

    /**
     * The counts over the window, by device; waits for the window's end (the LC load, which ends with the window,
     * has finished when the coordinator asks).
     */
    Map<String, CfsCounts> counts() throws InterruptedException {
        reader.join();
        long periods = Math.round((endNanos - startNanos) / (CpuQuotas.PERIOD_US * 1000.0));
        Map<String, CfsCounts> out = new TreeMap<>();
        throttledAtStart.forEach((device, start) -> {
            Long end = throttledAtEnd.get(device);
            if (end != null && end >= start) {
                out.put(device, new CfsCounts(periods, Math.min(periods, end - start)));
            }
        });
        return out;
    }

    /** Every readable device's {@code nr_throttled} now. */
    private Map<String, Long> throttled() {
        Map<String, Long> now = new TreeMap<>();
        for (String d : devices) {
            cluster.cfsCounts(d).ifPresent(c -> now.put(d, c.throttled()));
        }
        return now;
    }

    @Override
    public void close() {
        reader.interrupt();
    }
}
