package io.deepedge.hw.coordinator;

import io.deepedge.hw.cgroup.CpuQuotas;
import io.deepedge.hw.cluster.AgentCluster;
import io.deepedge.hw.load.RunClock;
import io.deepedge.models.CfsCounts;
import io.deepedge.models.metrics.MetricsWindow;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Each agent's throttled CFS periods over a run's metrics window, for runs.csv's {@code cfs_throttled_share} beside
 * the twin's: its cgroup's {@code cpu.stat} read when the window opens and when it closes, on the run clock, by a
 * thread of its own (the coordinator's threads are busy with the job then); the throttled periods are the kernel's
 * {@code nr_throttled} between the readings, the periods those the time between them holds ({@link CfsCounts}: the
 * twin counts every period of the window too). A device whose cgroup this cluster does not read (remote agents), or
 * whose counts went backwards, is left out.
 */
final class CfsWindow implements AutoCloseable {
    private final AgentCluster cluster;
    private final List<String> devices;
    private final Map<String, CfsCounts> atStart = new TreeMap<>();
    private final Map<String, CfsCounts> atEnd = new TreeMap<>();
    private final Thread reader;
    private long startNanos;
    private long endNanos;

    private CfsWindow(AgentCluster cluster, Collection<String> devices, MetricsWindow window, RunClock clock) {
        this.cluster = cluster;
        this.devices = List.copyOf(devices);
        this.reader = new Thread(() -> {
            try {
                Coordinator.sleepUntil(clock, window.fromSec());
                startNanos = read(atStart);
                Coordinator.sleepUntil(clock, window.toSec());
                endNanos = read(atEnd);
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
        Map<String, CfsCounts> out = new TreeMap<>();
        synchronized (this) {
            long periods = Math.round((endNanos - startNanos) / (CpuQuotas.PERIOD_US * 1000.0));
            atStart.forEach((device, start) -> CfsCounts.between(Optional.of(start),
                    Optional.ofNullable(atEnd.get(device))).ifPresent(c -> out.put(device,
                    new CfsCounts(periods, Math.min(periods, c.throttled())))));
        }
        return out;
    }

    /** Reads every device's counts into {@code into}; returns when (System.nanoTime). */
    private long read(Map<String, CfsCounts> into) {
        long at = System.nanoTime();
        for (String d : devices) {
            Optional<CfsCounts> c = cluster.cfsCounts(d);
            synchronized (this) {
                c.ifPresent(counts -> into.put(d, counts));
            }
        }
        return at;
    }

    @Override
    public void close() {
        reader.interrupt();
    }
}
