package io.deepedge.hw.train;

import io.deepedge.hw.data.LabelledImages;

import java.util.ArrayList;
import java.util.List;

/**
 * Synchronous data-parallel training in one process: what the coordinator does over gRPC, with the agents'
 * {@link GradientComputer}s called directly. Agent {@code j} holds shard {@code j} and contributes
 * {@code localBatch} examples of it per round (fewer in its last round, none once its shard is used up); the
 * round's global batch is the sum. The reference the distributed runner is compared with, and the update job of
 * the benchmarks and tests.
 */
public final class SynchronousRounds {
    private final ParameterServerStep server;
    private final List<GradientComputer> agents;

    /** One agent's data for an epoch and its per-round share of the global batch. */
    public record Shard(LabelledImages data, int localBatch) {
        public Shard {
            if (localBatch <= 0) {
                throw new IllegalArgumentException("localBatch must be positive (" + localBatch + ")");
            }
        }

        int rounds() {
            return (data.count() + localBatch - 1) / localBatch;
        }
    }

    /** What an epoch did. */
    public record EpochOutcome(int rounds, long examples, double meanLoss) {
    }

    public SynchronousRounds(ParameterServerStep server, List<GradientComputer> agents) {
        this.server = server;
        this.agents = List.copyOf(agents);
    }

    /**
     * One pass over every shard; each shard is visited in its own seeded random order.
     *
     * @param shards one per agent, in agent order
     * @param shuffleSeed seeds the order (shard {@code j} uses a stream derived from it and {@code j})
     */
    public EpochOutcome epoch(List<Shard> shards, long shuffleSeed) {
        if (shards.size() != agents.size()) {
            throw new IllegalArgumentException(shards.size() + " shards for " + agents.size() + " agents");
        }
        List<LabelledImages> ordered = new ArrayList<>();
        int rounds = 0;
        for (int j = 0; j < shards.size(); j++) {
            LabelledImages data = shards.get(j).data();
            ordered.add(data.select(Batches.shuffled(data.count(), shuffleSeed * 31 + j), data.source()));
            rounds = Math.max(rounds, shards.get(j).rounds());
        }
        long examples = 0;
        double lossSum = 0;
        for (int r = 0; r < rounds; r++) {
            float[] params = server.params();
            List<LocalGradient> parts = new ArrayList<>();
            for (int j = 0; j < shards.size(); j++) {
                int from = r * shards.get(j).localBatch();
                int to = Math.min(ordered.get(j).count(), from + shards.get(j).localBatch());
                if (from < to) {
                    LocalGradient g = agents.get(j).compute(params, Batches.of(ordered.get(j), from, to));
                    parts.add(g);
                    examples += g.examples();
                    lossSum += g.meanLoss() * g.examples();
                }
            }
            server.apply(parts);
        }
        server.epochDone();
        return new EpochOutcome(rounds, examples, examples == 0 ? Double.NaN : lossSum / examples);
    }
}
