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
            RoundResult r = round(round, iteration, perEpoch);
            samples += r.examples;
            loss = r.meanLoss;
            if (iteration == perEpoch - 1) {
                server.epochDone();
            }
            double t = now(clock);
            if (checkpointEverySec > 0 && t - lastCheckpointSec >= checkpointEverySec) {
                Checkpoints.write(checkpointDir, server.state(), samples);
                lastCheckpointSec = t;
            }
            progress.accept(new Progress(round + 1, total, samples, job.totalSamples(), loss, t - startSec));
        }
        return new Outcome(true, samples, now(clock), total, loss);
    }

    private record RoundResult(long examples, double meanLoss) {
    }

    private RoundResult round(long round, long iteration, long perEpoch) throws InterruptedException {
        float[] params = server.params();
        List<Future<GradientResult>> calls = new ArrayList<>();
        for (Assignment a : plan.assignments()) {
            long batch = Plan.localBatch(a.samples(), perEpoch, iteration);
            if (batch == 0) {
                continue;
            }
            int from = Math.toIntExact(Math.floorDiv(Math.multiplyExact(iteration, a.samples()), perEpoch));
            AgentClient agent = agents.get(a.device());
            calls.add(pool.submit(() -> agent.gradient(round, round + 1, params, from, (int) batch)));
        }
        List<LocalGradient> parts = new ArrayList<>();
        long examples = 0;
        double lossSum = 0;
        for (Future<GradientResult> call : calls) {
            GradientResult g = await(call);
            parts.add(new LocalGradient(g.gradientSum(), g.sampleCount(), g.lossSum() / g.sampleCount()));
            examples += g.sampleCount();
            lossSum += g.lossSum();
        }
        if (!parts.isEmpty()) {
            server.apply(parts);
        }
        return new RoundResult(examples, examples == 0 ? Double.NaN : lossSum / examples);
    }

    private static GradientResult await(Future<GradientResult> call) throws InterruptedException {
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
