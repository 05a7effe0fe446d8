package io.deepedge.hw.agent;

import io.deepedge.hw.rpc.CoordinatorClient;
import io.deepedge.hw.rpc.RemoteCallException;
import io.deepedge.hw.rpc.v1.DeviceInfo;
import io.deepedge.hw.rpc.v1.MetricsSnapshot;
import io.deepedge.hw.rpc.v1.RegisterReply;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * An agent's side of its relation with the coordinator: registers, then heartbeats and reports metrics at the
 * intervals the coordinator asked for, and registers again when the coordinator forgot it. Failed calls are
 * logged and retried at the next tick: the coordinator decides when a silent device is lost.
 */
public final class CoordinatorLink implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(CoordinatorLink.class.getName());

    private final CoordinatorClient coordinator;
    private final DeviceInfo device;
    private final String agentAddress;
    private final Supplier<MetricsSnapshot> metrics;
    private final ScheduledExecutorService timer;
    private volatile String agentId = "";
    private long sequence;

    public CoordinatorLink(CoordinatorClient coordinator, DeviceInfo device, String agentAddress,
                           Supplier<MetricsSnapshot> metrics) {
        this.coordinator = coordinator;
        this.device = device;
        this.agentAddress = agentAddress;
        this.metrics = metrics;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "coordinator-link");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Registers once (the caller sees a refusal, e.g. another protocol version, as the exception) and starts the
     * heartbeat and metrics timers.
     */
    public RegisterReply start() throws RemoteCallException {
        RegisterReply reply = coordinator.register(device, agentAddress);
        agentId = reply.getAgentId();
        long heartbeatMs = Math.max(1, reply.getHeartbeatIntervalMs());
        timer.scheduleWithFixedDelay(this::heartbeat, heartbeatMs, heartbeatMs, TimeUnit.MILLISECONDS);
        if (reply.getMetricsIntervalMs() > 0) {
            long metricsMs = reply.getMetricsIntervalMs();
            timer.scheduleWithFixedDelay(this::report, metricsMs, metricsMs, TimeUnit.MILLISECONDS);
        }
        LOG.log(System.Logger.Level.INFO, "registered with {0} as {1}", coordinator.peer(), agentId);
        return reply;
    }

    public String agentId() {
        return agentId;
    }

    private void heartbeat() {
        try {
            if (agentId.isEmpty() || !coordinator.heartbeat(agentId, ++sequence)) {
                reRegister();
            }
        } catch (RemoteCallException e) {
            LOG.log(System.Logger.Level.WARNING, "heartbeat failed: {0}", e.getMessage());
        }
    }

    private void reRegister() {
        try {
            agentId = coordinator.register(device, agentAddress).getAgentId();
            LOG.log(System.Logger.Level.INFO, "registered again with {0} as {1}", coordinator.peer(), agentId);
        } catch (RemoteCallException e) {
            agentId = "";
            LOG.log(System.Logger.Level.WARNING, "registering again failed, retrying at the next heartbeat: {0}",
                    e.getMessage());
        }
    }

    private void report() {
        if (agentId.isEmpty()) {
            return;
        }
        try {
            coordinator.reportMetrics(agentId, metrics.get());
        } catch (RemoteCallException e) {
            LOG.log(System.Logger.Level.WARNING, "metrics report failed: {0}", e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "metrics could not be collected", e);
        }
    }

    /** Stops the timers (waiting up to {@code wait} for a call in flight); the client stays open. */
    public void close(Duration wait) {
        timer.shutdownNow();
        try {
            timer.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(2));
    }
}
