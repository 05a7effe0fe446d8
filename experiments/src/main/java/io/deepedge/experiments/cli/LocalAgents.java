package io.deepedge.experiments.cli;

import io.deepedge.hw.cluster.AgentCluster;
import io.deepedge.hw.coordinator.AgentRegistry;
import io.deepedge.hw.local.AgentLauncher;
import io.deepedge.hw.local.LocalCluster;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The agents {@code testbed} and {@code profile} start on this machine (one CFS group each): they register with a
 * registry of this process and heartbeat to it, so a profile measures them under the conditions a testbed run has
 * (a heartbeat every quarter of the silence, kept within 50-250 ms, costs an agent CPU inside its quota:
 * 0.0033-0.0041 cores on the 0.15-CPU agent in a testbed run, measured per thread on 2026-12-02).
 */
final class LocalAgents {
    private LocalAgents() {
    }

    /** A registry for {@code devices}: one silent for {@code heartbeatTimeoutSec} (0: the default 3 s) is lost. */
    static AgentRegistry registry(List<LocalCluster.Device> devices, double heartbeatTimeoutSec) throws IOException {
        return AgentRegistry.start(devices.stream().map(LocalCluster.Device::name).collect(Collectors.toSet()),
                heartbeatTimeoutSec > 0 ? Duration.ofMillis(Math.round(heartbeatTimeoutSec * 1000))
                        : AgentRegistry.DEFAULT_SILENCE);
    }

    /** Starts {@code devices}' agents registered with {@code registry}, which takes the cluster's token. */
    static LocalCluster start(String purpose, List<LocalCluster.Device> devices, AgentRegistry registry)
            throws IOException, InterruptedException {
        LocalCluster cluster = LocalCluster.start(LocalCluster.Options.of(purpose, devices,
                AgentLauncher.javaMain(Main.class.getName(), List.of("agent", "--coordinator",
                        LocalCluster.HOST + ":" + registry.port()), AgentLauncher.DEFAULT_JVM_OPTIONS)));
        registry.token(cluster.token());
        return cluster;
    }

    /** {@code remote} when given, else the local agents ({@link #start}). */
    static AgentCluster startUnless(AgentCluster remote, String purpose, List<LocalCluster.Device> devices,
                                    AgentRegistry registry) throws IOException, InterruptedException {
        return remote != null ? remote : start(purpose, devices, registry);
    }
}
