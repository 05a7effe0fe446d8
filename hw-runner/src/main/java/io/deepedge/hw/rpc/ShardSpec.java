package io.deepedge.hw.rpc;

import java.util.Objects;

/**
 * What a shard transfer announced before its bytes: an id, the data layout's name, the sample count, and the
 * model to compute gradients for (its id and its architecture, opaque here, e.g. DL4J configuration JSON).
 */
public record ShardSpec(String shardId, String format, int sampleCount, String modelId, byte[] modelConfig) {
    public ShardSpec {
        Objects.requireNonNull(shardId, "shardId");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(modelId, "modelId");
        Objects.requireNonNull(modelConfig, "modelConfig");
        if (shardId.isEmpty() || format.isEmpty()) {
            throw new IllegalArgumentException("shardId and format must not be empty");
        }
        if (sampleCount < 1) {
            throw new IllegalArgumentException("sampleCount " + sampleCount + ", expected >= 1");
        }
        modelConfig = modelConfig.clone();
    }

    @Override
    public byte[] modelConfig() {
        return modelConfig.clone();
    }
}
