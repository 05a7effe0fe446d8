package io.deepedge.hw.rpc;

/** Message and transfer sizes both sides agree on. */
public final class RpcLimits {
    /** Largest data chunk of a shard transfer (streamed chunks keep every message far below the inbound limit). */
    public static final int MAX_CHUNK_BYTES = 1 << 20;
    /**
     * Default largest single message either side accepts: 64 MiB, a parameter or gradient vector of up to
     * ~16.7 M floats (LeNet is 0.43 M). Larger messages fail with RESOURCE_EXHAUSTED and the call only.
     */
    public static final int DEFAULT_MAX_INBOUND_BYTES = 64 << 20;
    /** Default largest shard an agent accepts (the shard is held in one byte array). */
    public static final long DEFAULT_MAX_SHARD_BYTES = 1L << 30;

    private RpcLimits() {
    }
}
