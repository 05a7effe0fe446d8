package io.deepedge.hw.inference;

import java.util.List;

/**
 * One open-loop load run against one service instance: a worker, a generator, a time limit, then a bounded drain.
 * For calibration, benchmarks and tests; the testbed wires the same parts around its own clock.
 */
public final class OpenLoopRun {
    private OpenLoopRun() {
    }

    /**
     * What a run recorded.
     *
     * @param timings every request sent, in arrival order (unfinished ones have NaN end)
     * @param maxGeneratorLagSec the generator's largest send delay behind schedule
     */
    public record Outcome(List<RequestTiming> timings, double maxGeneratorLagSec) {
    }

    /**
     * Sends {@code schedule}'s requests scheduled before {@code durationSec}, then waits up to {@code drainSec}
     * for the queue to empty; requests still queued after that are returned unfinished.
     */
    public static Outcome run(RequestHandler handler, ArrivalSchedule schedule, double durationSec, double drainSec)
            throws InterruptedException {
        long origin = System.nanoTime();
        FcfsWorker worker = new FcfsWorker("lc-worker", handler, origin).start();
        OpenLoopGenerator generator = new OpenLoopGenerator("lc-load", schedule, durationSec, worker, origin).start();
        generator.join();
        worker.awaitIdle(Math.round(drainSec * 1000));
        return new Outcome(worker.stop(), generator.maxLagSec());
    }
}
