package io.deepedge.hw.profile;

import io.deepedge.hw.load.SteadyState;
import io.deepedge.hw.rpc.AgentClient;
import io.deepedge.hw.rpc.GradientResult;
import io.deepedge.hw.rpc.RemoteCallException;
import io.deepedge.models.TrainingCpu;
import io.deepedge.models.profile.ComputeCpu;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Gradient calls on one agent's loaded shard, made as the testbed's synchronous rounds make them: over gRPC from
 * this process, the parameters sent with every call ({@code Rounds}), each call a new iteration. Consecutive calls
 * take consecutive slices of the shard, as the agent's own back-to-back training does. Thread-safe.
 */
final class GradientCalls {
    /**
     * One answered call: sent and answered at (nanoTime), its samples, the compute time the agent reported and its
     * compute thread's CPU over it (NaN from an agent before protocol 1.7).
     */
    record Call(long startNanos, long endNanos, int samples, double computeMs, double computeCpuMs) {
    }

    private final AgentClient agent;
    private final float[] params;
    private final int shardSamples;
    private long iteration;
    private int from;

    /** @param shardSamples the samples of the shard the agent holds (every batch used is at most half of them) */
    GradientCalls(AgentClient agent, float[] params, int shardSamples) {
        this.agent = agent;
        this.params = params.clone();
        this.shardSamples = shardSamples;
    }

    /** The calls made so far. */
    synchronized long callsMade() {
        return iteration;
    }

    /** One gradient of {@code batch} samples. */
    Call call(int batch) throws RemoteCallException {
        long it;
        int start;
        synchronized (this) {
            it = ++iteration;
            start = from + batch <= shardSamples ? from : 0;
            from = start + batch;
        }
        long sent = System.nanoTime();
        GradientResult g = agent.gradient(it, it, params, start, batch);
        return new Call(sent, System.nanoTime(), batch, g.computeMs(), g.parts().agentComputeCpuMs());
    }

    /** Untimed calls at {@code batch} until their wall times stop falling ({@link SteadyState}) or {@code maxSec}. */
    void untilSettled(int batch, double maxSec) throws RemoteCallException {
        SteadyState.repeat(() -> {
            Call c = call(batch);
            return (c.endNanos() - c.startNanos()) / 1e6;
        }, 0, maxSec);
    }

    /**
     * Training alone at {@code batch}: {@code untimed} calls (the first ones at a new batch size pay for buffers and
     * the JIT), then calls back to back for {@code measureSec} and at least {@code minTimed} of them; the samples of
     * the timed calls over the agent's compute time of them.
     */
    double aloneSamplesPerSec(int batch, int untimed, int minTimed, double measureSec) throws RemoteCallException {
        return samplesPerSec(alone(batch, untimed, minTimed, measureSec));
    }

    /** The timed calls of {@link #aloneSamplesPerSec}. */
    List<Call> alone(int batch, int untimed, int minTimed, double measureSec) throws RemoteCallException {
        for (int i = 0; i < untimed; i++) {
            call(batch);
        }
        return backToBack(batch, minTimed, measureSec);
    }

    /** Calls at {@code batch} back to back for {@code sec} and at least {@code minCalls} of them. */
    List<Call> backToBack(int batch, int minCalls, double sec) throws RemoteCallException {
        long until = System.nanoTime() + (long) (sec * 1e9);
        List<Call> calls = new ArrayList<>();
        while (calls.size() < minCalls || System.nanoTime() < until) {
            calls.add(call(batch));
        }
        return calls;
    }

    /**
     * The compute thread's CPU the agent reported over {@code calls}, and their samples; empty without a call or when
     * any call came without the figure (an agent before protocol 1.7): a share of the calls would not be their CPU per
     * sample, as the testbed's {@code train_cpu_ms_per_sample} leaves such a device out.
     */
    static Optional<TrainingCpu> computeCpu(List<Call> calls) {
        TrainingCpu cpu = TrainingCpu.NONE;
        for (Call c : calls) {
            if (Double.isNaN(c.computeCpuMs())) {
                return Optional.empty();
            }
            cpu = cpu.plus(c.computeCpuMs(), c.samples());
        }
        return calls.isEmpty() ? Optional.empty() : Optional.of(cpu);
    }

    /** Training's compute CPU a sample over each phase's calls ({@link #computeCpu}: a phase without it is NaN). */
    static ComputeCpu computeCpuOfPhases(List<Call> alone, List<Call> colocated) {
        return new ComputeCpu(msPerSample(alone), msPerSample(colocated));
    }

    private static double msPerSample(List<Call> calls) {
        return computeCpu(calls).map(TrainingCpu::msPerSample).orElse(Double.NaN);
    }

    /** The samples of {@code calls} over the agent's compute time of them (NaN without any). */
    static double samplesPerSec(List<Call> calls) {
        long samples = calls.stream().mapToLong(Call::samples).sum();
        double computeMs = calls.stream().mapToDouble(Call::computeMs).sum();
        return calls.isEmpty() ? Double.NaN : samples / (computeMs / 1000);
    }
}
