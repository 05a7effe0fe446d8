package io.deepedge.hw.profile;

import io.deepedge.hw.cluster.AgentCluster;
import io.deepedge.hw.coordinator.TimedRounds;
import io.deepedge.hw.data.LabelledImages;
import io.deepedge.hw.rpc.AgentClient;
import io.deepedge.hw.rpc.CallDeadlines;
import io.deepedge.hw.rpc.RpcLimits;
import io.deepedge.hw.train.NetworkSpec;
import io.deepedge.models.Shares;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The synchronous round as the testbed's coordinator runs it, with every profiled device at once, through its own
 * round code ({@link TimedRounds}): the parameters go to all agents in parallel, each computes the gradient of its
 * part of the job's global batch, and a parameter server applies them. A device's {@code roundCoordinationMs} is
 * what such a round costs beyond the device's own work: the mean excess of its gradient call beyond its compute
 * over the same figure timed with the device alone ({@link TrainingPathProbe}: the coordinator encoding and sending
 * every device's parameters, the host's cores shared by all agents), plus the mean server step. No LC load: beside
 * it the twin's CPU quota model stretches the devices' own work itself.
 */
public final class RoundProbe {
    /**
     * Timed rounds (after one untimed: the first pass of the server's step and of the parallel calls). Under a
     * quota a call either fits its period's budget or waits out a refill (a testbed job's rounds spent 22-191 ms
     * beyond the compute on the 0.15-CPU agent), so the mean needs many: with 15 the 0.3-CPU agent's call read 21 ms
     * in rounds of every device against 44 ms alone (2026-12-02), an impossible order that only the spread explains.
     */
    static final int ROUNDS = 40;

    private RoundProbe() {
    }

    /** What a round with {@code device} waits for beyond the device's own work, {@code aloneOverheadMs}. */
    public static double coordinationMs(TimedRounds.Timing rounds, String device, double aloneOverheadMs) {
        Double call = rounds.callBeyondComputeMs().get(device);
        if (call == null) {
            throw new IllegalArgumentException("no round was timed with device " + device);
        }
        return Math.max(0, call - aloneOverheadMs) + rounds.serverStepMs();
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
     * Times the rounds through the testbed's own round code ({@link TimedRounds}); leaves each agent holding its
     * shard of the rounds and the last round's parameters.
     *
     * @param samplesPerSec each device's standalone training throughput (its share of the global batch follows it)
     * @param net the job's network at the parameters the rounds start from (copied: it is not trained)
     */
    public static TimedRounds.Timing measure(AgentCluster cluster, Map<String, Double> samplesPerSec, int globalBatch,
                                  LabelledImages images, NetworkSpec network, MultiLayerNetwork net)
            throws IOException, InterruptedException {
        Map<String, Integer> batches = batches(samplesPerSec, globalBatch);
        Map<String, AgentClient> agents = new LinkedHashMap<>();
        try {
            for (String device : batches.keySet()) {
                agents.put(device, cluster.client(device, CallDeadlines.defaults(), RpcLimits.DEFAULT_MAX_INBOUND_BYTES));
            }
            return TimedRounds.time(agents, batches, images, network, net, 1, ROUNDS);
        } finally {
            for (AgentClient a : agents.values()) {
                a.close();
            }
        }
    }
}
