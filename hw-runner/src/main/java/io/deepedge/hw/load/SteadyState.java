package io.deepedge.hw.load;

import io.deepedge.hw.rpc.AgentClient;
import io.deepedge.hw.rpc.InferClient;
import io.deepedge.hw.rpc.RemoteCallException;
import org.apache.commons.math3.stat.descriptive.rank.Median;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Untimed work that brings an agent to its steady state before anything of it is measured, shared by the testbed's
 * warm-up before each run and the profiler's warm pass (they must measure the same device). A fresh agent JVM runs
 * its gradient and inference paths slowly until the JIT has compiled them, and under a small CPU quota the compiler
 * gets few cycles: measured with the {@code warmcurve} bench (README "Fidelity study"), a 0.15-CPU agent's gradient
 * call of batch 2 took 300 ms for its first 60 calls and 200 ms from the 80th on, so a fixed handful of calls left
 * the first runs of an invocation slower than the later ones. Each loop here runs until its times stop falling.
 *
 * <p>Settled: at least {@code 3 x WINDOW} times, and the median of the last {@link #WINDOW} is no more than
 * {@link #TOLERANCE} below the median of the {@code 2 x WINDOW} before them (the series no longer falls; a step
 * that comes after a longer plateau cannot be seen by this rule: hence the client compiler for the agents, which
 * has no late step, see {@code AgentLauncher.DEFAULT_JVM_OPTIONS}).
 */
public final class SteadyState {
    /** Times per window of the settling rule. */
    public static final int WINDOW = 10;
    /** How far (relative) the last window's median may lie below the earlier one's and count as settled. */
    public static final double TOLERANCE = 0.10;
    private static final Duration CALL_DEADLINE = Duration.ofSeconds(30);

    private SteadyState() {
    }

    /** Whether the series {@code ms} (oldest first) has settled under the rule above. */
    public static boolean settled(List<Double> ms) {
        int n = ms.size();
        if (n < 3 * WINDOW) {
            return false;
        }
        double last = median(ms.subList(n - WINDOW, n));
        double before = median(ms.subList(n - 3 * WINDOW, n - WINDOW));
        return last >= (1 - TOLERANCE) * before;
    }

    /** One untimed call of a warm-up loop; returns its time (ms). */
    @FunctionalInterface
    public interface TimedCall<E extends Exception> {
        double ms() throws E;
    }

    /**
     * Repeats {@code call} for at least {@code minSec}, then until its times settled or {@code maxSec} passed.
     *
     * @return the calls' times (ms), oldest first
     */
    public static <E extends Exception> List<Double> repeat(TimedCall<E> call, double minSec, double maxSec)
            throws E {
        long start = System.nanoTime();
        List<Double> ms = new ArrayList<>();
        for (double sec = 0; sec < maxSec && (sec < minSec || !settled(ms));
             sec = (System.nanoTime() - start) / 1e9) {
            ms.add(call.ms());
        }
        return ms;
    }

    /**
     * Gradient calls of {@code batch} samples through the run's path (parameters in every call, consecutive slices
     * of the agent's loaded shard of {@code shardSamples}) until their wall times settled or {@code maxSec} passed.
     */
    public static List<Double> gradients(AgentClient agent, float[] params, int shardSamples, int batch, double maxSec)
            throws RemoteCallException {
        int slices = Math.max(1, shardSamples / batch);
        long[] calls = {0};
        return repeat(() -> {
            long i = ++calls[0];
            long start = System.nanoTime();
            agent.gradient(i, i, params, (int) (i % slices) * batch, batch);
            return (System.nanoTime() - start) / 1e6;
        }, 0, maxSec);
    }

    /**
     * Requests to {@code service} one at a time (closed loop: a slow device is never overloaded) through
     * {@code client}, for at least {@code minSec}, then until their round trips settled or {@code maxSec} passed.
     */
    public static List<Double> requests(InferClient client, String service, RequestInputs inputs, double minSec,
                                        double maxSec) throws IOException {
        long[] sent = {0};
        return repeat(() -> {
            long i = sent[0]++;
            long start = System.nanoTime();
            try {
                client.infer(service, i, 0, inputs.input(i), CALL_DEADLINE)
                        .get(CALL_DEADLINE.toSeconds() + 5, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                throw new IOException("service " + service + " did not answer a warm-up request: " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while warming service " + service + " up", e);
            }
            return (System.nanoTime() - start) / 1e6;
        }, minSec, maxSec);
    }

    static double median(List<Double> values) {
        return new Median().evaluate(values.stream().mapToDouble(Double::doubleValue).toArray());
    }
}
