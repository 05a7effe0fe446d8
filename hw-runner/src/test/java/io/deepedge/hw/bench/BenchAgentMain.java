package io.deepedge.hw.bench;

import io.deepedge.hw.agent.BatchGradient;
import io.deepedge.hw.agent.GradientWorker;
import io.deepedge.hw.agent.InvalidShardException;
import io.deepedge.hw.agent.ShardLoader;
import io.deepedge.hw.device.Dl4jShardLoader;
import io.deepedge.hw.local.AgentLauncher;
import io.deepedge.hw.local.TestAgentMain;
import io.deepedge.hw.rpc.ShardSpec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The real agent ({@code AgentRuntime}: server, session, codec, quota, threads) whose shard loader also reads a
 * {@value #ZERO_FORMAT} shard: a worker that does no arithmetic (its gradient is a fixed array of the parameter
 * count the header's {@code model_config} names in ASCII), so a round on it is synchronisation only. Every other
 * shard goes to the DL4J loader, as in {@code ./deepedge agent}.
 */
public final class BenchAgentMain {
    static final String ZERO_FORMAT = "bench-zero-v1";

    private BenchAgentMain() {
    }

    public static void main(String[] args) throws Exception {
        Dl4jShardLoader dl4j = new Dl4jShardLoader();
        ShardLoader loader = (spec, data) -> spec.format().equals(ZERO_FORMAT) ? zero(spec) : dl4j.load(spec, data);
        TestAgentMain.run(args, loader);
    }

    static AgentLauncher launcher(List<String> jvmOptions) {
        return AgentLauncher.javaMain(BenchAgentMain.class.getName(), List.of(), jvmOptions);
    }

    /** The header of a zero-compute shard of {@code samples} samples for {@code parameters} parameters. */
    static ShardSpec zeroSpec(String id, int samples, int parameters) {
        return new ShardSpec(id, ZERO_FORMAT, samples, "none",
                Integer.toString(parameters).getBytes(StandardCharsets.US_ASCII));
    }

    private static GradientWorker zero(ShardSpec spec) throws InvalidShardException {
        int parameters;
        try {
            parameters = Integer.parseInt(new String(spec.modelConfig(), StandardCharsets.US_ASCII));
        } catch (NumberFormatException e) {
            throw new InvalidShardException("model_config: not a parameter count");
        }
        float[] gradient = new float[parameters];
        Arrays.fill(gradient, 1e-3f);
        int samples = spec.sampleCount();
        return new GradientWorker() {
            @Override
            public int parameterCount() {
                return parameters;
            }

            @Override
            public int sampleCount() {
                return samples;
            }

            @Override
            public BatchGradient gradient(float[] params, int fromSample, int count) {
                return new BatchGradient(gradient, 0);
            }
        };
    }
}
