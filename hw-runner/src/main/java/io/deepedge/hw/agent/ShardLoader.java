package io.deepedge.hw.agent;

import io.deepedge.hw.rpc.ShardSpec;

/** Turns a received shard into the worker that computes its gradients (the DL4J loader plugs in here). */
@FunctionalInterface
public interface ShardLoader {
    /**
     * A worker for {@code data}, which arrived complete and byte-exact (its SHA-256 was checked).
     *
     * @throws InvalidShardException when the format, the model or the bytes are not what this loader reads;
     *         the caller gets INVALID_ARGUMENT with the message
     */
    GradientWorker load(ShardSpec spec, byte[] data) throws InvalidShardException;
}
