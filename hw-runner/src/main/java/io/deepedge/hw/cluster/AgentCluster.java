package io.deepedge.hw.cluster;

import io.deepedge.hw.rpc.AgentClient;
import io.deepedge.hw.rpc.CallDeadlines;
import io.deepedge.hw.rpc.ClientSecurity;
import io.deepedge.hw.rpc.InferClient;
import io.deepedge.hw.rpc.Token;

import java.nio.file.Path;

/**
 * The running agents a coordinator drives, one per configured device, whoever started them: the {@code --local}
 * cluster of child processes ({@code io.deepedge.hw.local.LocalCluster}, which alone can also kill and restart
 * them) or agents the user started on other machines ({@link RemoteCluster}). It says where each device's agent
 * is and how to reach it (token, plaintext or TLS), and gives a private folder for the run's files.
 */
public interface AgentCluster extends AutoCloseable {
    /** Where one device's agent serves. */
    interface Endpoint {
        /** The device's name (the config's, and the agent's own). */
        String name();

        String host();

        int port();
    }

    /** The agent serving {@code device}; IllegalArgumentException for a device without one. */
    Endpoint agent(String device);

    /** The shared token every call carries. */
    Token token();

    /** How channels to the agents are secured. */
    ClientSecurity security();

    /** A private folder (0700) for the runs' files (checkpoints); removed by {@link #close}. */
    Path workDir();

    /** A coordinator client of {@code device}'s agent, with this cluster's token and security. */
    default AgentClient client(String device, CallDeadlines deadlines, int maxInboundBytes) {
        Endpoint a = agent(device);
        return AgentClient.connect(a.host(), a.port(), token(), deadlines, maxInboundBytes, security());
    }

    /** A load generator's own connection to {@code device}'s agent (see {@link InferClient}). */
    default InferClient inferClient(String device) {
        Endpoint a = agent(device);
        return InferClient.connect(a.host(), a.port(), token(), security());
    }

    /**
     * The kernel's CFS counts of {@code device}'s agent so far (its cgroup's {@code cpu.stat}), where this cluster
     * set the agent's quota itself; empty otherwise (agents started elsewhere, no cgroup).
     */
    default java.util.Optional<io.deepedge.models.CfsCounts> cfsCounts(String device) {
        return java.util.Optional.empty();
    }

    /** Releases what the cluster holds (a local cluster also stops its agents); never throws. */
    @Override
    void close();
}
