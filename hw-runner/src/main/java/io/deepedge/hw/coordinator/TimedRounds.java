package io.deepedge.hw.coordinator;

import io.deepedge.hw.data.LabelledImages;
import io.deepedge.hw.rpc.AgentClient;
import io.deepedge.hw.train.NetworkSpec;
import io.deepedge.hw.train.ParameterServerStep;
import io.deepedge.models.Assignment;
import io.deepedge.models.Plan;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Synchronous rounds of one plan timed outside a run, through the testbed's own {@link Rounds} and
 * {@link DataLayout} (the shard transfer, the parallel gradient calls with the parameters, the server's step): what
 * the profiler measures of a round with every device at once is then what a run pays, by construction.
 */
public final class TimedRounds {
    /**
     * @param callBeyondComputeMs per device, the mean over the timed rounds of its gradient call's wall time beyond
     *                            the compute the agent reports (none where the compute reads longer: clock grain)
     * @param serverStepMs the mean time of the parameter server's step
     */
    public record Timing(Map<String, Double> callBeyondComputeMs, double serverStepMs) {
        public Timing {
            callBeyondComputeMs = Map.copyOf(callBeyondComputeMs);
        }
    }

    private TimedRounds() {
    }

    /**
     * Sends each device its shard of {@code batches.get(d) x (untimed + timed)} of the first images, then runs
     * {@code untimed} rounds and {@code timed} timed ones of those local batches.
     *
     * @param agents a connected client per device, in plan order
     * @param net the job's network at the parameters the rounds start from (copied: it is not trained)
     */
    public static Timing time(Map<String, AgentClient> agents, Map<String, Integer> batches, LabelledImages images,
                              NetworkSpec network, MultiLayerNetwork net, int untimed, int timed)
            throws IOException, InterruptedException {
        int rounds = untimed + timed;
        List<Assignment> assignments = new ArrayList<>();
        batches.forEach((device, batch) -> assignments.add(new Assignment(device, (long) batch * rounds)));
        long samples = assignments.stream().mapToLong(Assignment::samples).sum();
        if (samples > images.count()) {
            throw new IllegalArgumentException(rounds + " rounds of " + batches + " need " + samples + " images, "
                    + images.count() + " given");
        }
        DataLayout layout = DataLayout.start(new Plan(assignments), samples, rounds, 0, null);
        ExecutorService pool = Executors.newFixedThreadPool(agents.size());
        try {
            Rounds r = new Rounds(images.slice(0, Math.toIntExact(samples)), network, pool, "timed-rounds");
            Optional<String> lost = r.transfer(layout, 0, agents::get);
            if (lost.isPresent()) {
                throw new IOException("agent " + lost.get() + " was lost during the shard transfer of timed rounds");
            }
            ParameterServerStep server = new ParameterServerStep(net.clone());
            int[] trained = new int[Math.toIntExact(samples)];
            List<Rounds.RoundTiming> timings = new ArrayList<>();
            long origin = System.nanoTime();
            for (int k = 0; k < rounds; k++) {
                Rounds.Outcome o = r.round(layout, k, server, trained, agents::get,
                        () -> (System.nanoTime() - origin) / 1e9, timings::add);
                if (o.lostDevice() != null) {
                    throw new IOException("agent " + o.lostDevice() + " was lost in a timed round");
                }
            }
            return timing(timings.subList(untimed, rounds));
        } finally {
            pool.shutdownNow();
        }
    }

    /** The means over {@code rounds} (each device in every one of them). */
    static Timing timing(List<Rounds.RoundTiming> rounds) {
        Map<String, Double> beyond = new LinkedHashMap<>();
        double step = 0;
        for (Rounds.RoundTiming t : rounds) {
            t.agents().forEach((device, a) -> beyond.merge(device,
                    Math.max(0, a.endSec() - t.startSec() - a.computeSec()) * 1000 / rounds.size(), Double::sum));
            step += (t.serverToSec() - t.serverFromSec()) * 1000 / rounds.size();
        }
        return new Timing(beyond, step);
    }
}
