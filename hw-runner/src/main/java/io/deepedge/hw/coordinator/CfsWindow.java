package io.deepedge.hw.coordinator;

import io.deepedge.hw.cgroup.CpuQuotas;
import io.deepedge.hw.cluster.AgentCluster;
import io.deepedge.hw.load.RunClock;
import io.deepedge.hw.rpc.AgentClient;
import io.deepedge.hw.rpc.FloatCodec;
import io.deepedge.hw.rpc.RemoteCallException;
import io.deepedge.hw.rpc.v1.MetricsSnapshot;
import io.deepedge.hw.rpc.v1.ServiceWindow;
import io.deepedge.models.CfsCounts;
import io.deepedge.models.metrics.MetricsWindow;
import io.grpc.StatusException;

import java.util.Map;
import java.util.TreeMap;

/**
 * Each agent's throttled CFS periods over a run's metrics window, for runs.csv's {@code cfs_throttled_share} beside
 * the twin's: its cgroup's {@code nr_throttled} ({@code cpu.stat}) read when the window opens and when it closes, on
 * the run clock, by a thread of its own (the coordinator's threads are busy with the job then), over the periods the
 * time between the readings holds ({@link CfsCounts}: the twin counts every period of the window too). A device whose
 * cgroup this cluster does not read (remote agents), or whose count went backwards, is left out.
 *
 * <p>At the same two moments it asks every agent for its metrics: the second answer's window is the agent's own
 * between the two calls, and its process CPU over it is the device's {@code cpu_cores_used} (remote agents too). An
 * agent that did not answer either call, or whose window does not start where the first call left it (it restarted
 * in between), is left out of that column. The same answer carries what the agent recorded of each of its
 * services' requests over the window, latencies and service times ({@link #agentRequests}, for {@link LcPath}'s
 * progress line).
 */
final class CfsWindow implements AutoCloseable {
    private final AgentCluster cluster;
    private final Map<String, AgentClient> agents;
    private final Thread reader;
    // written by the reader, read after joining it
    private Map<String, Long> throttledAtStart = Map.of();
    private Map<String, Long> throttledAtEnd = Map.of();
    private Map<String, Long> agentWindowFromUnixMs = Map.of();
    /** Each agent's answer at the window's end, where its window is unbroken since the start's call. */
    private Map<String, MetricsSnapshot> closingSnapshots = Map.of();
    private long startNanos;
    private long endNanos;

    private CfsWindow(AgentCluster cluster, Map<String, AgentClient> agents, MetricsWindow window, RunClock clock) {
        this.cluster = cluster;
        this.agents = Map.copyOf(agents);
        this.reader = new Thread(() -> {
            try {
                Coordinator.sleepUntil(clock, window.fromSec());
                startNanos = System.nanoTime();
                throttledAtStart = throttled();
                agentWindowFromUnixMs = agentWindowsOpened();
                Coordinator.sleepUntil(clock, window.toSec());
                endNanos = System.nanoTime();
                throttledAtEnd = throttled();
                closingSnapshots = agentWindowsClosed();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "cfs-window");
        reader.setDaemon(true);
    }

    /**
     * Starts reading {@code agents}' devices: at {@code window}'s start (now, when it has passed) and end on
     * {@code clock}.
     */
    static CfsWindow start(AgentCluster cluster, Map<String, AgentClient> agents, MetricsWindow window, RunClock clock) {
        CfsWindow w = new CfsWindow(cluster, agents, window, clock);
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
        // a device whose cgroup is not read (a remote agent) still has its CPU: no periods, which the throttled
        // column leaves out
        closingSnapshots.forEach((device, m) -> out.merge(device, new CfsCounts(0, 0, m.getProcessCpuCores()),
                (counted, cpu) -> counted.withCpuCores(m.getProcessCpuCores())));
        return out;
    }

    /** Drains every agent's metrics: where each agent's next window starts, by device (those that answered). */
    private Map<String, Long> agentWindowsOpened() {
        Map<String, Long> from = new TreeMap<>();
        agents.forEach((device, agent) -> {
            try {
                from.put(device, agent.metrics().getWindowEndUnixMs());
            } catch (RemoteCallException e) {
                // not answering now (killed by a failure entry, restarting): no CPU figure for this device
            }
        });
        return from;
    }

    /**
     * What each agent recorded of its services' requests over the window, by device and service (those whose window
     * is unbroken); waits for the window's end.
     */
    Map<String, Map<String, AgentRequests>> agentRequests() throws InterruptedException {
        reader.join();
        Map<String, Map<String, AgentRequests>> out = new TreeMap<>();
        closingSnapshots.forEach((device, m) -> out.put(device, requests(m)));
        return out;
    }

    /**
     * Each agent's metrics over its window since {@link #agentWindowsOpened}, where that window is unbroken: its
     * process CPU and its services' requests.
     */
    private Map<String, MetricsSnapshot> agentWindowsClosed() {
        Map<String, MetricsSnapshot> closed = new TreeMap<>();
        agentWindowFromUnixMs.forEach((device, fromUnixMs) -> {
            try {
                MetricsSnapshot m = agents.get(device).metrics();
                if (m.getWindowStartUnixMs() == fromUnixMs && m.getWindowEndUnixMs() > fromUnixMs) {
                    closed.put(device, m);
                }
            } catch (RemoteCallException e) {
                // down at the window's end: no CPU figure for this device
            }
        });
        return closed;
    }

    /**
     * Each service's requests in {@code snapshot}: latencies and, where the agent reports them (count 0 from an older
     * agent), service and queue times. A service whose vectors do not hold one float per completed request (a faulty
     * agent) is left out rather than shown with wrong figures.
     */
    static Map<String, AgentRequests> requests(MetricsSnapshot snapshot) {
        Map<String, AgentRequests> out = new TreeMap<>();
        for (ServiceWindow w : snapshot.getServicesList()) {
            long completed = w.getCompleted();
            if (completed < 0 || completed > Integer.MAX_VALUE) {
                // a uint64 beyond any vector (negative as a long, which decode would read as "any count")
                continue;
            }
            try {
                float[] latency = FloatCodec.decode(w.getLatencyMs(), "latency_ms", (int) completed);
                float[] service = w.getServiceMs().getCount() == 0 ? new float[0]
                        : FloatCodec.decode(w.getServiceMs(), "service_ms", (int) completed);
                float[] queue = service.length == 0 || w.getQueueMs().getCount() == 0 ? new float[0]
                        : FloatCodec.decode(w.getQueueMs(), "queue_ms", (int) completed);
                out.put(w.getServiceId(), new AgentRequests(latency, service, queue));
            } catch (StatusException e) {
                // malformed: no agent-side figure for this service
            }
        }
        return out;
    }

    /** Every readable device's {@code nr_throttled} now. */
    private Map<String, Long> throttled() {
        Map<String, Long> now = new TreeMap<>();
        for (String d : agents.keySet()) {
            cluster.cfsCounts(d).ifPresent(c -> now.put(d, c.throttled()));
        }
        return now;
    }

    @Override
    public void close() {
        reader.interrupt();
    }
}
