package io.deepedge.hw.coordinator;

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
 * The kernel's CFS counts of each agent's cgroup over a run's metrics window, for runs.csv's
 * {@code cfs_throttled_share} beside the twin's: {@code cpu.stat} read when the window opens and when it closes, on
 * the run clock, by a thread of its own (the coordinator's threads are busy with the job then). A device whose
 * cgroup this cluster does not read (remote agents), or whose counts went backwards, is left out.
 */
final class CfsWindow implements AutoCloseable {
    private final AgentCluster cluster;
    private final List<String> devices;
    private final Map<String, CfsCounts> atStart = new TreeMap<>();
    private final Map<String, CfsCounts> atEnd = new TreeMap<>();
    private final Thread reader;

    private CfsWindow(AgentCluster cluster, Collection<String> devices, MetricsWindow window, RunClock clock) {
        this.cluster = cluster;
        this.devices = List.copyOf(devices);
        this.reader = new Thread(() -> {
            try {
                Coordinator.sleepUntil(clock, window.fromSec());
                read(atStart);
                Coordinator.sleepUntil(clock, window.toSec());
                read(atEnd);
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
            atStart.forEach((device, start) -> {
                CfsCounts end = atEnd.get(device);
                if (end != null && end.periods() >= start.periods() && end.throttled() >= start.throttled()) {
                    out.put(device, start.until(end));
                }
            });
        }
        return out;
    }

    private void read(Map<String, CfsCounts> into) {
        for (String d : devices) {
            Optional<CfsCounts> c = cluster.cfsCounts(d);
            synchronized (this) {
                c.ifPresent(counts -> into.put(d, counts));
            }
        }
    }

    @Override
    public void close() {
        reader.interrupt();
    }
}
