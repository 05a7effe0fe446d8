package io.deepedge.hw.profile;

import io.deepedge.hw.cluster.AgentCluster;
import io.deepedge.hw.data.ImageShard;
import io.deepedge.hw.data.LabelledImages;
import io.deepedge.hw.rpc.AgentClient;
import io.deepedge.hw.rpc.CallDeadlines;
import io.deepedge.hw.rpc.GradientResult;
import io.deepedge.hw.rpc.RemoteCallException;
import io.deepedge.hw.rpc.RpcLimits;
import io.deepedge.hw.rpc.ShardSpec;
import io.deepedge.hw.train.LocalGradient;
import io.deepedge.hw.train.NetworkSpec;
import io.deepedge.hw.train.NetworkSpecs;
import io.deepedge.hw.train.ParameterServerStep;
import io.deepedge.models.Shares;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The synchronous round as the testbed's coordinator runs it, with every profiled device at once: the parameters go
 * to all agents in parallel, each computes the gradient of its part of the job's global batch, and a parameter
 * server applies them. Per device, the mean time of its gradient call beyond the compute it reports (as
 * {@link TrainingPathProbe} times it with the device alone), and the mean server step. A device's
 * {@code roundCoordinationMs} is what the round costs beyond its own work: its call's excess over the alone figure
 * (the coordinator encoding and sending every device's parameters, the host's cores shared by all agents) plus the
 * server's step. No LC load: beside it the twin's CPU quota model stretches the devices' own work itself.
 */
public final class RoundProbe {
    /** Timed rounds (after one untimed: the first pass of the server's step and of the parallel calls). */
    static final int ROUNDS = 15;

    /**
     * @param callOverheadMs per device, the mean of each call's wall time beyond its reported compute (none where
     *                       the compute reads longer: clock grain)
     * @param serverStepMs the mean time of the server's step
     */
    public record Figures(Map<String, Double> callOverheadMs, double serverStepMs) {
        public Figures {
            callOverheadMs = Map.copyOf(callOverheadMs);
        }

        /** What a round with {@code device} waits for beyond the device's own work, {@code aloneOverheadMs}. */
        public double coordinationMs(String device, double aloneOverheadMs) {
            Double call = callOverheadMs.get(device);
            if (call == null) {
                throw new IllegalArgumentException("no round was timed with device " + device);
            }
            return Math.max(0, call - aloneOverheadMs) + serverStepMs;
        }
    }

    private RoundProbe() {
    }

    /**
     * The local batches of a round: {@code globalBatch} split over the devices in proportion to their standalone
     * throughputs (the throughput-proportional plan, largest remainders); a device whose share rounds to none still
     * computes one sample, so every device takes part in every round.
     */
    static Map<String, Integer> batches(Map<String, Double> samplesPerSec, int globalBatch) {
        List<String> devices = new ArrayList<>(samplesPerSec.keySet());
        double[] weights = devices.stream().mapToDouble(samplesPerSec::get).toArray();
        long[] split = Shares.largestRemainder(globalBatch, weights);
        Map<String, Integer> batches = new LinkedHashMap<>();
        for (int i = 0; i < devices.size(); i++) {
            batches.put(devices.get(i), (int) Math.max(1, split[i]));
        }
        return batches;
    }

    /**
     * Leaves each agent holding a shard of the first images (as large as its batch) and the last round's parameters.
     *
     * @param samplesPerSec each device's standalone training throughput (its share of the global batch follows it)
     * @param net the job's network at the parameters the rounds start from (copied: it is not trained)
     */
    public static Figures measure(AgentCluster cluster, Map<String, Double> samplesPerSec, int globalBatch,
                                  LabelledImages images, NetworkSpec network, MultiLayerNetwork net)
            throws IOException, InterruptedException {
        Map<String, Integer> batches = batches(samplesPerSec, globalBatch);
        Map<String, AgentClient> agents = new LinkedHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(batches.size());
        try {
            for (Map.Entry<String, Integer> b : batches.entrySet()) {
                AgentClient agent = cluster.client(b.getKey(), CallDeadlines.defaults(),
                        RpcLimits.DEFAULT_MAX_INBOUND_BYTES);
                agents.put(b.getKey(), agent);
                LabelledImages shard = images.slice(0, Math.min(images.count(), b.getValue()));
                agent.loadShard(new ShardSpec("profile-round-" + b.getKey(), ImageShard.FORMAT, shard.count(),
                        network.describe(), NetworkSpecs.configBytes(network)), ImageShard.encode(shard));
            }
            return rounds(agents, batches, new ParameterServerStep(net.clone()), pool);
        } catch (ExecutionException e) {
            throw new IOException("a round of every device at once failed: " + e.getCause().getMessage(), e.getCause());
        } catch (RemoteCallException e) {
            throw new IOException("loading a shard for the rounds of every device at once failed: " + e.getMessage(),
                    e);
        } finally {
            pool.shutdownNow();
            for (AgentClient a : agents.values()) {
                a.close();
            }
        }
    }

    private record Timed(GradientResult result, long endNanos) {
    }

    private static Figures rounds(Map<String, AgentClient> agents, Map<String, Integer> batches,
                                  ParameterServerStep server, ExecutorService pool)
            throws InterruptedException, ExecutionException {
        Map<String, Double> overheadSum = new LinkedHashMap<>();
        double stepSum = 0;
        for (int i = -1; i < ROUNDS; i++) {
            long iteration = i + 1;
            float[] params = server.params();
            long start = System.nanoTime();
            Map<String, Future<Timed>> calls = new LinkedHashMap<>();
            for (Map.Entry<String, AgentClient> a : agents.entrySet()) {
                int count = batches.get(a.getKey());
                calls.put(a.getKey(), pool.submit(() -> new Timed(a.getValue().gradient(iteration, iteration + 1,
                        params, 0, count), System.nanoTime())));
            }
            List<LocalGradient> parts = new ArrayList<>();
            for (Map.Entry<String, Future<Timed>> c : calls.entrySet()) {
                Timed t = c.getValue().get();
                GradientResult g = t.result();
                parts.add(new LocalGradient(g.gradientSum(), g.sampleCount(), g.lossSum() / g.sampleCount()));
                if (i >= 0) {
                    double wallMs = (t.endNanos() - start) / 1e6;
                    overheadSum.merge(c.getKey(), Math.max(0, wallMs - g.computeMs()), Double::sum);
                }
            }
            long stepStart = System.nanoTime();
            server.apply(parts);
            if (i >= 0) {
                stepSum += (System.nanoTime() - stepStart) / 1e6;
            }
        }
        Map<String, Double> overhead = new LinkedHashMap<>();
        overheadSum.forEach((d, sum) -> overhead.put(d, sum / ROUNDS));
        return new Figures(overhead, stepSum / ROUNDS);
    }
}
