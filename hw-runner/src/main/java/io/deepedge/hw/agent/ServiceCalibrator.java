package io.deepedge.hw.agent;

import io.deepedge.hw.rpc.Refusals;
import io.deepedge.hw.rpc.v1.CalibrateServicesReply;
import io.deepedge.hw.rpc.v1.CalibrateServicesRequest;
import io.deepedge.hw.rpc.v1.ServiceTiming;
import io.grpc.Context;
import io.grpc.Status;
import io.grpc.StatusException;
import org.apache.commons.math3.stat.descriptive.moment.Mean;
import org.apache.commons.math3.stat.descriptive.moment.StandardDeviation;
import org.apache.commons.math3.stat.descriptive.summary.Sum;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code CalibrateServices}: inside the agent's process, and so inside its CPU quota, times each started LC
 * service's requests one at a time (through its real FCFS worker: hand-over to the end of {@code output}), first
 * alone and then while gradients of the loaded shard run back to back beside them, and times training alone and
 * beside the services. The coordinator turns these into the planning figures (service time mean and CV, the
 * service slowdown while training, the training slowdown from LC load).
 */
final class ServiceCalibrator {
    static final int MAX_REQUESTS = 1000;
    static final double MAX_TRAINING_ALONE_SEC = 60;
    /** A single calibration request that takes longer than this is a broken service, not a figure. */
    private static final long REQUEST_TIMEOUT_SEC = 30;

    private final TrainingSession session;
    private final InferenceHost host;
    private final double quotaCores;
    private final AtomicLong requestIds = new AtomicLong(1L << 62);
    /** Set by the background training thread when its loop has begun. */
    private final AtomicBoolean started = new AtomicBoolean();

    ServiceCalibrator(TrainingSession session, InferenceHost host, double quotaCores) {
        this.session = session;
        this.host = host;
        this.quotaCores = quotaCores;
    }

    /** Service times of one service under one condition, in milliseconds. */
    record Times(double meanMs, double cv, double busyMs, int count) {
        static Times of(double[] ms) {
            double mean = new Mean().evaluate(ms);
            double sd = ms.length < 2 ? 0 : new StandardDeviation().evaluate(ms, mean); // n - 1 in the denominator
            return new Times(mean, mean > 0 ? sd / mean : 0, new Sum().evaluate(ms), ms.length);
        }
    }

    CalibrateServicesReply calibrate(CalibrateServicesRequest r) throws StatusException {
        check(r);
        session.requireShard("CalibrateServices");
        List<String> ids = host.serviceIds();
        if (ids.isEmpty()) {
            throw Refusals.outOfOrder("no LC services started: call StartServices before CalibrateServices");
        }
        if (r.getLcRatePerSecCount() > 0) {
            return new OpenLoopCalibrator(this, session, host, quotaCores).calibrate(r, ids);
        }
        Map<String, Times> alone = new LinkedHashMap<>();
        for (String id : ids) {
            time(id, r.getWarmupRequests(), r.getDutyCycle());
            alone.put(id, time(id, r.getRequests(), r.getDutyCycle()));
        }
        TrainingSession.BackToBack trainingAlone = trainFor(r.getTrainingBatch(), r.getTrainingAloneSec());
        AtomicBoolean go = new AtomicBoolean(true);
        CompletableFuture<TrainingSession.BackToBack> beside = background(r.getTrainingBatch(), go);
        Map<String, Times> withTraining = new LinkedHashMap<>();
        long from = System.nanoTime();
        try {
            awaitFirstGradientStarted();
            // at least as long as training ran alone (>= 4 gradients), so its throughput beside them is measured
            long minNanos = (long) (r.getTrainingAloneSec() * 1e9);
            Map<String, List<Double>> samples = new LinkedHashMap<>();
            ids.forEach(id -> samples.put(id, new java.util.ArrayList<>()));
            while (samples.get(ids.get(ids.size() - 1)).size() < r.getRequests() || System.nanoTime() - from < minNanos) {
                for (String id : ids) {
                    samples.get(id).add(timeOne(id, r.getDutyCycle()));
                }
            }
            samples.forEach((id, ms) -> withTraining.put(id, Times.of(ms.stream().mapToDouble(Double::doubleValue)
                    .toArray())));
        } finally {
            go.set(false);
        }
        long elapsedNanos = System.nanoTime() - from;
        TrainingSession.BackToBack besideTimes = join(beside);
        CalibrateServicesReply.Builder reply = CalibrateServicesReply.newBuilder()
                .setTrainingAloneSamplesPerSec(nanToZero(trainingAlone.samplesPerSec()))
                .setTrainingBesideServicesSamplesPerSec(nanToZero(besideTimes.samplesPerSec()))
                .setCpuQuotaCores(quotaCores);
        double busyMs = 0;
        for (String id : ids) {
            Times a = alone.get(id);
            Times t = withTraining.get(id);
            busyMs += t.busyMs();
            reply.addServices(ServiceTiming.newBuilder().setServiceId(id).setCount(r.getRequests())
                    .setTrainingCount(t.count())
                    .setAloneMeanMs(a.meanMs()).setAloneCv(a.cv()).setTrainingMeanMs(t.meanMs()).setTrainingCv(t.cv()));
        }
        return reply.setServicesBusyFraction(Math.min(1, busyMs / (elapsedNanos / 1e6))).build();
    }

    private static void check(CalibrateServicesRequest r) throws StatusException {
        if (r.getRequests() < 1 || r.getRequests() > MAX_REQUESTS) {
            throw Refusals.invalid("requests: " + Integer.toUnsignedLong(r.getRequests()) + ", expected 1 .. " + MAX_REQUESTS);
        }
        if (Integer.toUnsignedLong(r.getWarmupRequests()) > MAX_REQUESTS) {
            throw Refusals.invalid("warmup_requests: " + Integer.toUnsignedLong(r.getWarmupRequests())
                    + ", expected 0 .. " + MAX_REQUESTS);
        }
        if (!(r.getDutyCycle() > 0 && r.getDutyCycle() <= 1)) {
            throw Refusals.invalid("duty_cycle: " + r.getDutyCycle() + ", expected a value in (0, 1]");
        }
        if (!(r.getTrainingAloneSec() > 0 && r.getTrainingAloneSec() <= MAX_TRAINING_ALONE_SEC)) {
            throw Refusals.invalid("training_alone_sec: " + r.getTrainingAloneSec() + ", expected a value in (0, "
                    + (int) MAX_TRAINING_ALONE_SEC + "]");
        }
    }

    /** {@code n} requests one at a time, each followed by a pause that keeps the service at {@code duty}. */
    Times time(String id, int n, double duty) throws StatusException {
        double[] ms = new double[n];
        for (int i = 0; i < n; i++) {
            ms[i] = timeOne(id, duty);
        }
        return n == 0 ? new Times(0, 0, 0, 0) : Times.of(ms);
    }

    /** One request's service time in ms, then the pause that keeps the service at {@code duty}. */
    private double timeOne(String id, double duty) throws StatusException {
        cancelledCheck();
        long start = System.nanoTime();
        long end = serve(id);
        long pauseNanos = (long) ((end - start) * (1 / duty - 1));
        if (pauseNanos > 0) {
            sleepNanos(pauseNanos);
        }
        return (end - start) / 1e6;
    }

    /** One request through the service's FCFS worker; the time its worker finished it. */
    private long serve(String id) throws StatusException {
        AtomicLong end = new AtomicLong();
        long requestId = requestIds.getAndIncrement();
        CompletableFuture<byte[]> reply = host.infer(id, requestId, 0, new byte[0]).toCompletableFuture()
                .whenComplete((out, failure) -> end.set(System.nanoTime()));
        try {
            reply.get(REQUEST_TIMEOUT_SEC, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw Status.INTERNAL.withDescription("service " + id + " failed during calibration: " + e.getCause())
                    .asException();
        } catch (TimeoutException e) {
            throw Status.INTERNAL.withDescription("service " + id + " took over " + REQUEST_TIMEOUT_SEC
                    + " s for one calibration request").asException();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Status.CANCELLED.withDescription("calibration interrupted").asException();
        }
        return end.get();
    }

    TrainingSession.BackToBack trainFor(int batch, double seconds) throws StatusException {
        long until = System.nanoTime() + (long) (seconds * 1e9);
        TrainingSession.BackToBack b = session.backToBack(batch,
                () -> System.nanoTime() < until && !Context.current().isCancelled());
        cancelledCheck();
        return b;
    }

    /** Training in its own thread (inside the same process and quota) until {@code go} turns false. */
    CompletableFuture<TrainingSession.BackToBack> background(int batch, AtomicBoolean go) {
        return background(batch, go::get);
    }

    /** Training in its own thread until {@code go} answers false (asked once before every gradient). */
    CompletableFuture<TrainingSession.BackToBack> background(int batch, java.util.function.BooleanSupplier go) {
        CompletableFuture<TrainingSession.BackToBack> result = new CompletableFuture<>();
        started.set(false);
        Thread t = new Thread(() -> {
            try {
                result.complete(session.backToBack(batch, () -> {
                    started.set(true);
                    return go.getAsBoolean();
                }));
            } catch (StatusException | RuntimeException e) {
                started.set(true);
                result.completeExceptionally(e);
            }
        }, "calibration-training");
        t.setDaemon(true);
        t.start();
        return result;
    }

    void awaitFirstGradientStarted() throws StatusException {
        while (!started.get()) {
            cancelledCheck();
            sleepNanos(1_000_000);
        }
    }

    static TrainingSession.BackToBack join(CompletableFuture<TrainingSession.BackToBack> f)
            throws StatusException {
        try {
            return f.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof StatusException s) {
                throw s;
            }
            throw Status.INTERNAL.withDescription("training beside the services failed: " + e.getCause()).asException();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Status.CANCELLED.withDescription("calibration interrupted").asException();
        }
    }

    static void cancelledCheck() throws StatusException {
        if (Context.current().isCancelled()) {
            throw Status.CANCELLED.withDescription("calibration cancelled (deadline or caller gone)").asException();
        }
    }

    static void sleepNanos(long nanos) throws StatusException {
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Status.CANCELLED.withDescription("calibration interrupted").asException();
        }
    }

    static double nanToZero(double v) {
        return Double.isNaN(v) ? 0 : v;
    }
}
