package io.deepedge.hw.coordinator;

import io.deepedge.hw.load.RunClock;
import io.deepedge.hw.rpc.AgentClient;
import io.deepedge.hw.rpc.GradientResult;
import io.deepedge.hw.train.LocalGradient;
import io.deepedge.hw.train.ParameterServerStep;
import io.deepedge.models.Assignment;
import io.deepedge.models.Plan;
import io.deepedge.models.TrainingJob;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Carries a plan out as synchronous data-parallel rounds over gRPC. In iteration {@code i} of an epoch, device
 * {@code j} computes the summed gradient of {@code b_j = Plan.localBatch(share_j, iterationsPerEpoch, i)} samples of
 * its shard, the very split the simulator uses, starting at {@code floor(i share_j / iterationsPerEpoch)} (the sum of
 * its earlier batches); the server adds the sums and applies one updater step for the round's global batch.
 */
final class DistributedRounds {
    /** What the rounds achieved. */
    record Outcome(boolean finished, long samplesTrained, double endSec, long rounds, double lastMeanLoss) {
    }

    /** A progress report after a round. */
    record Progress(long round, long rounds, long samplesTrained, long totalSamples, double meanLoss, double elapsedSec) {
    }

    private final Plan plan;
    private final TrainingJob job;
    private final Map<String, AgentClient> agents;
    private final ParameterServerStep server;
    private final ExecutorService pool;
    private RoundListener listener = RoundListener.NONE;

    /** When each agent of a round finished, for the training timeline (timeline.csv). */
    record AgentTiming(double endSec, double computeSec) {
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

    /** Reports every round's times to {@code l} (nothing by default). */
    DistributedRounds listen(RoundListener l) {
        this.listener = l;
        return this;
    }

    DistributedRounds(Plan plan, TrainingJob job, Map<String, AgentClient> agents, ParameterServerStep server,
                      ExecutorService pool) {
        this.plan = plan;
        this.job = job;
        this.agents = agents;
        this.server = server;
        this.pool = pool;
    }

    /**
     * Runs every round of every epoch, or until the clock passes {@code horizonSec} (the job then has not finished);
     * checkpoints to {@code checkpointDir} every {@code checkpointEverySec} (0: never).
     */
    Outcome run(RunClock clock, double horizonSec, Path checkpointDir, double checkpointEverySec,
                Consumer<Progress> progress) throws IOException, InterruptedException {
        long perEpoch = job.iterationsPerEpoch();
        long total = job.totalIterations();
        double startSec = now(clock);
        double lastCheckpointSec = startSec;
        long samples = 0;
        double loss = Double.NaN;
        for (long round = 0; round < total; round++) {
            if (now(clock) >= horizonSec) {
                return new Outcome(false, samples, now(clock), round, loss);
            }
            long iteration = round % perEpoch;
            RoundResult r = round(round, iteration, perEpoch, clock);
            samples += r.examples;
            loss = r.meanLoss;
            if (iteration == perEpoch - 1) {
                server.epochDone();
            }
            double t = now(clock);
            if (checkpointEverySec > 0 && t - lastCheckpointSec >= checkpointEverySec) {
                Checkpoints.write(checkpointDir, server.state(), samples);
                lastCheckpointSec = t;
                listener.checkpoint(t, now(clock));
            }
            progress.accept(new Progress(round + 1, total, samples, job.totalSamples(), loss, t - startSec));
        }
        return new Outcome(true, samples, now(clock), total, loss);
    }

    private record RoundResult(long examples, double meanLoss) {
    }

    private record Timed(String device, GradientResult result, double endSec) {
    }

    private RoundResult round(long round, long iteration, long perEpoch, RunClock clock) throws InterruptedException {
        double startSec = now(clock);
        float[] params = server.params();
        List<Future<Timed>> calls = new ArrayList<>();
        for (Assignment a : plan.assignments()) {
            long batch = Plan.localBatch(a.samples(), perEpoch, iteration);
            if (batch == 0) {
                continue;
            }
            int from = Math.toIntExact(Math.floorDiv(Math.multiplyExact(iteration, a.samples()), perEpoch));
            AgentClient agent = agents.get(a.device());
            calls.add(pool.submit(() -> {
                GradientResult g = agent.gradient(round, round + 1, params, from, (int) batch);
                return new Timed(a.device(), g, now(clock));
            }));
        }
        List<LocalGradient> parts = new ArrayList<>();
        Map<String, AgentTiming> timings = new java.util.LinkedHashMap<>();
        long examples = 0;
        double lossSum = 0;
        for (Future<Timed> call : calls) {
            Timed timed = await(call);
            GradientResult g = timed.result();
            timings.put(timed.device(), new AgentTiming(timed.endSec(), g.computeMs() / 1000.0));
            parts.add(new LocalGradient(g.gradientSum(), g.sampleCount(), g.lossSum() / g.sampleCount()));
            examples += g.sampleCount();
            lossSum += g.lossSum();
        }
        double serverFromSec = now(clock);
        if (!parts.isEmpty()) {
            server.apply(parts);
        }
        listener.round(new RoundTiming(round, startSec, timings, serverFromSec, now(clock)));
        return new RoundResult(examples, examples == 0 ? Double.NaN : lossSum / examples);
    }

    private static Timed await(Future<Timed> call) throws InterruptedException {
        try {
            return call.get();
        } catch (ExecutionException e) {
            // device loss and re-planning are not in this slice: a failed gradient call fails the run loudly
            throw new IllegalStateException("gradient call failed: " + e.getCause().getMessage(), e.getCause());
        }
    }

    private static double now(RunClock clock) {
        return clock.sec(System.nanoTime());
    }
}
