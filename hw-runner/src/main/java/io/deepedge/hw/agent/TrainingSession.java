package io.deepedge.hw.agent;

import io.deepedge.hw.device.ThreadCpu;
import io.deepedge.hw.rpc.FloatCodec;
import io.deepedge.hw.rpc.Refusals;
import io.deepedge.hw.rpc.ShardSpec;
import io.deepedge.hw.rpc.v1.BatchTiming;
import io.deepedge.hw.rpc.v1.CalibrateReply;
import io.deepedge.hw.rpc.v1.CalibrateRequest;
import io.deepedge.hw.rpc.v1.FloatVector;
import io.deepedge.hw.rpc.v1.GradientReply;
import io.deepedge.hw.rpc.v1.GradientRequest;
import io.deepedge.hw.rpc.v1.ShardLoaded;
import io.grpc.Context;
import io.grpc.Status;
import io.grpc.StatusException;
import java.util.Arrays;

/**
 * An agent's training state and the order it enforces: Hello opens a session, LoadShard installs a worker,
 * then gradients and calibration run on it, one at a time (a worker is not thread-safe).
 */
final class TrainingSession {
    static final int MAX_CALIBRATION_REPETITIONS = 1000;
    private static final System.Logger LOG = System.getLogger(TrainingSession.class.getName());

    private final ShardLoader loader;
    private final AgentMetrics metrics;
    private long epoch;
    private boolean open;
    private GradientWorker worker;
    private String shardId = "";
    private float[] heldParams;
    private long heldVersion;

    TrainingSession(ShardLoader loader, AgentMetrics metrics) {
        this.loader = loader;
        this.metrics = metrics;
    }

    /** Starts a new session, dropping the previous one's shard and parameters; returns its epoch. */
    synchronized long open(String coordinatorId) {
        epoch++;
        open = true;
        worker = null;
        shardId = "";
        heldParams = null;
        LOG.log(System.Logger.Level.INFO, "session {0} opened by coordinator {1}", epoch, coordinatorId);
        return epoch;
    }

    /** The current session's epoch; FAILED_PRECONDITION before the first Hello. */
    synchronized long requireOpen(String call) throws StatusException {
        if (!open) {
            throw Refusals.outOfOrder(call + " before Hello: call Hello first (it checks the protocol version)");
        }
        return epoch;
    }

    /** Loads a received shard (outside the lock: loading may be slow) and makes its worker current. */
    ShardLoaded install(long transferEpoch, ShardSpec spec, byte[] data) throws StatusException {
        GradientWorker loaded;
        try {
            loaded = loader.load(spec, data);
        } catch (InvalidShardException e) {
            throw Refusals.invalid("shard " + spec.shardId() + " rejected: " + e.getMessage());
        }
        if (loaded.sampleCount() != spec.sampleCount()) {
            throw Refusals.invalid("header.sample_count: " + spec.sampleCount() + ", but the shard's data hold "
                    + loaded.sampleCount() + " samples");
        }
        synchronized (this) {
            if (transferEpoch != epoch) {
                throw Refusals.outOfOrder("shard " + spec.shardId() + " arrived after a new Hello started another"
                        + " session; send it again");
            }
            worker = loaded;
            shardId = spec.shardId();
            heldParams = null;
        }
        LOG.log(System.Logger.Level.INFO, "shard {0} loaded: {1} samples, {2} bytes, {3} parameters",
                spec.shardId(), spec.sampleCount(), data.length, loaded.parameterCount());
        return ShardLoaded.newBuilder().setShardId(spec.shardId()).setSampleCount(spec.sampleCount())
                .setBytesReceived(data.length).setParameterCount(loaded.parameterCount()).build();
    }

    synchronized GradientReply gradient(GradientRequest request) throws StatusException {
        GradientWorker current = requireWorker("ComputeGradient");
        long from = Integer.toUnsignedLong(request.getFromSample());
        long count = Integer.toUnsignedLong(request.getSampleCount());
        if (count < 1) {
            throw Refusals.invalid("sample_count: 0, expected >= 1");
        }
        if (from + count > current.sampleCount()) {
            throw Refusals.invalid("from_sample + sample_count: " + from + " + " + count + " = " + (from + count)
                    + ", expected <= " + current.sampleCount() + " (the samples in shard " + shardId + ")");
        }
        long entryNanos = System.nanoTime();
        long entryProcessCpuNanos = AgentMetrics.processCpuNanos();
        float[] params = resolveParams(request, current.parameterCount());
        long startNanos = System.nanoTime();
        long startThreadCpuNanos = ThreadCpu.nanos();
        BatchGradient result = compute(current, params, (int) from, (int) count);
        long computeCpuNanos = ThreadCpu.nanos() - startThreadCpuNanos;
        long endNanos = System.nanoTime();
        metrics.recordGradient(count, endNanos - startNanos);
        long encodeNanos = System.nanoTime();
        FloatVector gradient = FloatCodec.encode(result.gradientSum());
        long encodedNanos = System.nanoTime();
        return GradientReply.newBuilder().setIteration(request.getIteration())
                .setParamsVersion(request.getParamsVersion()).setSampleCount((int) count)
                .setGradientSum(gradient).setLossSum(result.lossSum())
                .setComputeMs((endNanos - startNanos) / 1e6)
                .setParamsDecodeMs((startNanos - entryNanos) / 1e6)
                .setGradientEncodeMs((encodedNanos - encodeNanos) / 1e6)
                .setComputeCpuMs(computeCpuNanos / 1e6)
                .setHandlerCpuMs(handlerCpuMs(entryProcessCpuNanos))
                .setHandlerMs((System.nanoTime() - entryNanos) / 1e6).build();
    }

    /**
     * The process's CPU since {@code entryNanos} in ms; -1 (the wire's "not measured") where the JVM cannot say. The
     * JVM reads it from {@code times()}, in the kernel's clock ticks (10 ms on Linux): one call's figure is within a
     * tick, a sum over many calls is not biased by it. Summing the threads' own nanosecond clocks instead costs 0.75
     * ms of CPU per reading with 50 threads (measured), which a 0.15-CPU agent pays 5 ms of wall time for, twice per
     * call.
     */
    private static double handlerCpuMs(long entryNanos) {
        long nowNanos = AgentMetrics.processCpuNanos();
        return entryNanos < 0 || nowNanos < 0 ? -1 : Math.max(0, nowNanos - entryNanos) / 1e6;
    }

    synchronized CalibrateReply calibrate(CalibrateRequest request) throws StatusException {
        GradientWorker current = requireWorker("Calibrate");
        if (request.getBatchSizesCount() == 0) {
            throw Refusals.invalid("batch_sizes: empty, expected at least one batch size");
        }
        int repetitions = request.getRepetitions();
        if (repetitions < 1 || repetitions > MAX_CALIBRATION_REPETITIONS) {
            throw Refusals.invalid("repetitions: " + Integer.toUnsignedLong(repetitions) + ", expected 1 .. "
                    + MAX_CALIBRATION_REPETITIONS);
        }
        for (int b : request.getBatchSizesList()) {
            if (b < 1 || b > current.sampleCount()) {
                throw Refusals.invalid("batch_sizes: " + Integer.toUnsignedLong(b) + ", expected 1 .. "
                        + current.sampleCount() + " (the samples in shard " + shardId + ")");
            }
        }
        // the figures depend on the model, not on the parameter values: zeros serve until parameters arrive
        float[] params = heldParams != null ? heldParams : new float[current.parameterCount()];
        CalibrateReply.Builder reply = CalibrateReply.newBuilder();
        for (int b : request.getBatchSizesList()) {
            reply.addTimings(time(current, params, b, repetitions));
        }
        return reply.build();
    }

    private BatchTiming time(GradientWorker current, float[] params, int batch, int repetitions)
            throws StatusException {
        compute(current, params, 0, batch);
        double[] millis = new double[repetitions];
        for (int i = 0; i < repetitions; i++) {
            if (Context.current().isCancelled()) {
                throw Status.CANCELLED.withDescription("calibration cancelled (deadline or caller gone)").asException();
            }
            long start = System.nanoTime();
            compute(current, params, 0, batch);
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(millis);
        double median = repetitions % 2 == 1 ? millis[repetitions / 2]
                : (millis[repetitions / 2 - 1] + millis[repetitions / 2]) / 2;
        return BatchTiming.newBuilder().setBatchSize(batch).setMedianMs(median)
                .setSamplesPerSec(batch / (median / 1000.0)).build();
    }

    /** Gradients completed back to back: their samples and the times they completed. */
    record BackToBack(long samplesAfterFirst, long firstEndNanos, long lastEndNanos, int gradients) {
        /** Samples per second between the first and the last completion (none when fewer than two completed). */
        double samplesPerSec() {
            return gradients < 2 ? Double.NaN : samplesAfterFirst / ((lastEndNanos - firstEndNanos) / 1e9);
        }
    }

    /**
     * Computes gradients of {@code batch} samples back to back, cycling through the shard, until {@code go} says
     * stop (checked between gradients); for service calibration. Throughput is counted between completions, so a
     * gradient cut by the start or the end of the window does not bias it.
     */
    synchronized BackToBack backToBack(int batch, java.util.function.BooleanSupplier go) throws StatusException {
        GradientWorker current = requireWorker("CalibrateServices");
        if (batch < 1 || batch > current.sampleCount()) {
            throw Refusals.invalid("training_batch: " + Integer.toUnsignedLong(batch) + ", expected 1 .. "
                    + current.sampleCount() + " (the samples in shard " + shardId + ")");
        }
        float[] params = heldParams != null ? heldParams : new float[current.parameterCount()];
        long first = 0;
        long last = 0;
        long samples = 0;
        int done = 0;
        int from = 0;
        while (go.getAsBoolean()) {
            compute(current, params, from, batch);
            last = System.nanoTime();
            if (done++ == 0) {
                first = last;
            } else {
                samples += batch;
            }
            from = from + 2 * batch <= current.sampleCount() ? from + batch : 0;
        }
        return new BackToBack(samples, first, last, done);
    }

    /** Checks that a shard is loaded (for calls that train on it later, e.g. in another thread). */
    synchronized void requireShard(String call) throws StatusException {
        requireWorker(call);
    }

    private GradientWorker requireWorker(String call) throws StatusException {
        requireOpen(call);
        if (worker == null) {
            throw Refusals.outOfOrder("no shard loaded: call LoadShard before " + call);
        }
        return worker;
    }

    private float[] resolveParams(GradientRequest request, int parameterCount) throws StatusException {
        if (request.hasParams()) {
            heldParams = FloatCodec.decode(request.getParams(), "params", parameterCount);
            heldVersion = request.getParamsVersion();
            return heldParams;
        }
        if (heldParams == null || heldVersion != request.getParamsVersion()) {
            throw Refusals.outOfOrder("params_version " + Long.toUnsignedString(request.getParamsVersion())
                    + " is not held (the agent holds " + (heldParams == null ? "no parameters"
                    : "version " + Long.toUnsignedString(heldVersion)) + "): send params");
        }
        return heldParams;
    }

    private static BatchGradient compute(GradientWorker worker, float[] params, int from, int count)
            throws StatusException {
        BatchGradient result;
        try {
            result = worker.gradient(params, from, count);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "gradient worker failed", e);
            throw Status.INTERNAL.withDescription("gradient worker failed: " + e).asException();
        }
        if (result.gradientSum().length != worker.parameterCount()) {
            throw Status.INTERNAL.withDescription("gradient worker returned " + result.gradientSum().length
                    + " values, expected " + worker.parameterCount()).asException();
        }
        return result;
    }
}
