package io.deepedge.hw.coordinator;

import io.deepedge.hw.data.ImageShard;
import io.deepedge.hw.data.LabelledImages;
import io.deepedge.hw.rpc.AgentClient;
import io.deepedge.hw.rpc.GradientResult;
import io.deepedge.hw.rpc.RemoteCallException;
import io.deepedge.hw.rpc.ShardSpec;
import io.deepedge.hw.train.LocalGradient;
import io.deepedge.hw.train.NetworkSpec;
import io.deepedge.hw.train.NetworkSpecs;
import io.deepedge.hw.train.ParameterServerStep;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * The calls of a plan over gRPC: the shard transfer, and one synchronous round (every device's summed gradient of
 * its local batch at its data position, added up, one updater step for the round's global batch). A device found
 * gone (unreachable, deadline exceeded) is reported, not thrown: the job rolls back; any other failure is a defect.
 */
final class Rounds {
    /**
     * When each agent of a round finished, for the training timeline (timeline.csv), with its call's samples and
     * parts (rounds.csv).
     */
    record AgentTiming(double endSec, double computeSec, int samples, GradientResult.CallParts parts) {
    }

    /**
     * One round's times on the run clock: the gradient calls went out at {@code startSec}, each agent's reply came
     * at its {@code endSec} (with the compute time the agent reported), and the parameter server's step ran over
     * {@code [serverFromSec, serverToSec)}.
     */
    record RoundTiming(long round, double startSec, Map<String, AgentTiming> agents, double serverFromSec,
                       double serverToSec) {
    }

    /** Sees each round's times and each checkpoint's; the coordinator's timeline listens for replication 0. */
    interface RoundListener {
        RoundListener NONE = new RoundListener() {
            @Override
            public void round(RoundTiming timing) {
            }
        };

        void round(RoundTiming timing);

        default void checkpoint(double fromSec, double toSec) {
        }
    }

    private record Timed(GradientResult result, double endSec) {
    }

    private final LabelledImages train;
    private final NetworkSpec network;
    private final ExecutorService pool;
    private final String shardPrefix;

    Rounds(LabelledImages train, NetworkSpec network, ExecutorService pool, String shardPrefix) {
        this.train = train;
        this.network = network;
        this.pool = pool;
        this.shardPrefix = shardPrefix;
    }

    /** Sends every device of the plan its whole shard; the name of a device found gone, if any. */
    Optional<String> transfer(DataLayout layout, long round, java.util.function.Function<String, AgentClient> agents)
            throws InterruptedException {
        Map<String, Future<?>> sends = new java.util.LinkedHashMap<>();
        for (DataLayout.Part p : layout.parts()) {
            LabelledImages shard = train.select(p.shard(), train.source() + " shard of " + p.device());
            ShardSpec spec = new ShardSpec(shardPrefix + "-" + p.device() + "-r" + round, ImageShard.FORMAT,
                    shard.count(), network.describe(), NetworkSpecs.configBytes(network));
            byte[] bytes = ImageShard.encode(shard);
            AgentClient agent = agents.apply(p.device());
            sends.put(p.device(), pool.submit(() -> agent.loadShard(spec, bytes)));
        }
        String lost = null;
        for (Map.Entry<String, Future<?>> f : sends.entrySet()) {
            try {
                f.getValue().get();
            } catch (ExecutionException e) {
                lost = lostOrThrow(f.getKey(), "shard transfer", e, lost);
            }
        }
        return Optional.ofNullable(lost);
    }

    record Outcome(long examples, double meanLoss, String lostDevice) {
    }

    Outcome round(DataLayout layout, long round, ParameterServerStep server, int[] trainedCounts,
                  java.util.function.Function<String, AgentClient> agents, java.util.function.DoubleSupplier clock,
                  RoundListener listener) throws InterruptedException {
        double startSec = clock.getAsDouble();
        float[] params = server.params();
        Map<String, Future<Timed>> calls = new java.util.LinkedHashMap<>();
        List<int[]> batches = new ArrayList<>();
        for (DataLayout.Part p : layout.parts()) {
            long count = p.count(round);
            if (count == 0) {
                continue;
            }
            int from = Math.toIntExact(p.from(round));
            batches.add(Arrays.copyOfRange(p.shard(), from, from + (int) count));
            AgentClient agent = agents.apply(p.device());
            long r = round;
            calls.put(p.device(), pool.submit(() -> new Timed(agent.gradient(r, r + 1, params, from, (int) count),
                    clock.getAsDouble())));
        }
        List<LocalGradient> parts = new ArrayList<>();
        long examples = 0;
        double lossSum = 0;
        String lost = null;
        Map<String, AgentTiming> timings = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, Future<Timed>> call : calls.entrySet()) {
            try {
                Timed timed = call.getValue().get();
                GradientResult g = timed.result();
                timings.put(call.getKey(), new AgentTiming(timed.endSec(), g.computeMs() / 1000.0, g.sampleCount(),
                        g.parts()));
                parts.add(new LocalGradient(g.gradientSum(), g.sampleCount(), g.lossSum() / g.sampleCount()));
                examples += g.sampleCount();
                lossSum += g.lossSum();
            } catch (ExecutionException e) {
                lost = lostOrThrow(call.getKey(), "gradient", e, lost);
            }
        }
        if (lost != null) {
            return new Outcome(0, Double.NaN, lost);
        }
        double serverFromSec = clock.getAsDouble();
        if (!parts.isEmpty()) {
            server.apply(parts);
        }
        listener.round(new RoundTiming(round, startSec, timings, serverFromSec, clock.getAsDouble()));
        batches.forEach(b -> Arrays.stream(b).forEach(i -> trainedCounts[i]++));
        return new Outcome(examples, examples == 0 ? Double.NaN : lossSum / examples, null);
    }

    /** A device gone (unreachable, deadline) is a loss to handle; any other failure is a defect, thrown. */
    private static String lostOrThrow(String device, String call, ExecutionException e, String lostSoFar) {
        if (e.getCause() instanceof RemoteCallException r && r.peerUnreachable()) {
            return lostSoFar == null ? device : lostSoFar;
        }
        throw new IllegalStateException(call + " call to " + device + " failed: " + e.getCause().getMessage(),
                e.getCause());
    }
}
