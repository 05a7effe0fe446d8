package io.deepedge.experiments.run;

import io.deepedge.models.RunResult;
import io.deepedge.policies.PolicyRegistry;
import io.deepedge.sim.SimulationRun;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

/**
 * Simulates a run list on a fixed number of threads. Runs share nothing, and results are collected in
 * run-list order, so the output does not depend on the thread count.
 */
public final class Executor {
    private Executor() {
    }

    public static List<RunResult> simulate(List<RunTask> tasks, int threads, IntConsumer onRunDone) {
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "deepedge-run");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<RunResult>> futures = new ArrayList<>();
            for (RunTask task : tasks) {
                futures.add(pool.submit(() -> {
                    RunResult result = SimulationRun.simulate(task.scenario(), PolicyRegistry.get(task.policy()),
                            task.spec()).withGridPoint(task.gridValues())
                            .withHostProbe(task.host());
                    onRunDone.accept(task.index());
                    return result;
                }));
            }
            List<RunResult> results = new ArrayList<>();
            for (Future<RunResult> f : futures) {
                results.add(f.get());
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof RuntimeException re ? re : new IllegalStateException(cause);
        } finally {
            pool.shutdownNow();
        }
    }
}
