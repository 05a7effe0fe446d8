package io.deepedge.hw.agent;

import io.deepedge.hw.rpc.RpcLimits;
import java.time.Duration;
import java.util.Objects;

/**
 * How an agent serves: its name, the address and port it binds (127.0.0.1 unless told otherwise; port 0 picks a
 * free one), its message and shard limits, and how long a stop waits for calls in flight.
 */
public record AgentServerConfig(String name, String bindAddress, int port, int maxInboundBytes, long maxShardBytes,
                                Duration drainTimeout) {
    public static final String LOOPBACK = "127.0.0.1";
    public static final Duration DEFAULT_DRAIN = Duration.ofSeconds(3);

    public AgentServerConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(drainTimeout, "drainTimeout");
        if (name.isBlank()) {
            throw new IllegalArgumentException("--name: empty, expected the device's name");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--port: " + port + ", expected 0 .. 65535 (0: any free port)");
        }
        if (maxInboundBytes <= RpcLimits.MAX_CHUNK_BYTES) {
            throw new IllegalArgumentException("maxInboundBytes: " + maxInboundBytes + ", expected more than one "
                    + "shard chunk (" + RpcLimits.MAX_CHUNK_BYTES + " bytes)");
        }
        if (maxShardBytes < 1 || maxShardBytes > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("maxShardBytes: " + maxShardBytes + ", expected 1 .. "
                    + (Integer.MAX_VALUE - 8) + " (one Java array)");
        }
    }

    /** An agent on 127.0.0.1 with the default limits. */
    public static AgentServerConfig loopback(String name, int port) {
        return new AgentServerConfig(name, LOOPBACK, port, RpcLimits.DEFAULT_MAX_INBOUND_BYTES,
                RpcLimits.DEFAULT_MAX_SHARD_BYTES, DEFAULT_DRAIN);
    }

    public AgentServerConfig withBindAddress(String address) {
        return new AgentServerConfig(name, address, port, maxInboundBytes, maxShardBytes, drainTimeout);
    }

    public AgentServerConfig withLimits(int inboundBytes, long shardBytes) {
        return new AgentServerConfig(name, bindAddress, port, inboundBytes, shardBytes, drainTimeout);
    }
}
