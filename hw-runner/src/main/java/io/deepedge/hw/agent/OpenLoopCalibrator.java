package io.deepedge.hw.agent;

import io.deepedge.hw.rpc.Refusals;
import io.deepedge.hw.rpc.v1.CalibrateServicesReply;
import io.deepedge.hw.rpc.v1.CalibrateServicesRequest;
import io.deepedge.hw.rpc.v1.ServiceTiming;
import io.grpc.Status;
import io.grpc.StatusException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * {@code CalibrateServices} in open-loop mode (protocol 1.2; the profiler's design points used it before they were
 * measured through gRPC, {@code io.deepedge.hw.profile.RemoteDesignPoint}): each service is driven
 * by Poisson arrivals at its given rate, generated in the agent's process so the measurement is the agent's alone,
 * first with no training, then with training back to back beside it at the given batch; training alone is timed
 * in between. Requests are handed to the services' real FCFS workers, so a request may queue: its service time is
 * {@code end - max(hand-over, previous request's end)} (exact for one FCFS worker per service), its sojourn
 * {@code end - scheduled arrival}. Both conditions replay the same arrival times (same seed): common random
 * numbers, so the co-located service times differ from the alone ones by the training beside them, not by the draw.
 */
final class OpenLoopCalibrator {
    /** Timed gradients (after the untimed first) each training phase needs at least, for a throughput. */
    static final int MIN_TIMED_GRADIENTS = 3;
    static final double MAX_MEASURE_SEC = 60;
    private static final long DRAIN_TIMEOUT_SEC = 60;

    private final ServiceCalibrator calibrator;
    private final TrainingSession session;
    private final InferenceHost host;
    private final double quotaCores;

    OpenLoopCalibrator(ServiceCalibrator calibrator, TrainingSession session, InferenceHost host, double quotaCores) {
        this.calibrator = calibrator;
        this.session = session;
        this.host = host;
        this.quotaCores = quotaCores;
    }

    /** One request: when it was due, handed over and finished (nanoTime; end 0 until finished). */
    private record Sent(long dueNanos, long handoverNanos, CompletableFuture<Long> end) {
    }

    /** One condition's requests per service, and its length. */
    private record Phase(List<List<Sent>> byService, long fromNanos, long toNanos) {
    }

    /** Service times and sojourns of one service in one condition. */
    record Timings(double[] serviceMs, double[] sojournMs) {
        /** From one FCFS service's requests in hand-over order (ends in nanoTime). */
        static Timings fcfs(long[] dueNanos, long[] handoverNanos, long[] endNanos) {
            int n = dueNanos.length;
            double[] service = new double[n];
            double[] sojourn = new double[n];
            long previousEnd = Long.MIN_VALUE;
            for (int i = 0; i < n; i++) {
                long start = Math.max(handoverNanos[i], previousEnd);
                service[i] = Math.max(0, endNanos[i] - start) / 1e6;
                sojourn[i] = (endNanos[i] - dueNanos[i]) / 1e6;
                previousEnd = endNanos[i];
            }
            return new Timings(service, sojourn);
        }

        double busyMs() {
            return Arrays.stream(serviceMs).sum();
        }
    }

    CalibrateServicesReply calibrate(CalibrateServicesRequest r, List<String> ids) throws StatusException {
        double[] rates = rates(r.getLcRatePerSecMap(), ids);
        if (!(r.getMeasureSec() > 0 && r.getMeasureSec() <= MAX_MEASURE_SEC)) {
            throw Refusals.invalid("measure_sec: " + r.getMeasureSec() + ", expected a value in (0, "
                    + (int) MAX_MEASURE_SEC + "] with lc_rate_per_sec");
        }
        for (String id : ids) {
            calibrator.time(id, r.getWarmupRequests(), r.getDutyCycle());
        }
        long measureNanos = (long) (r.getMeasureSec() * 1e9);
        // untimed gradients first: the first ones at a new batch size pay for allocation and JIT, not training
        AtomicInteger warm = new AtomicInteger();
        session.backToBack(r.getTrainingBatch(), () -> warm.incrementAndGet() <= MIN_TIMED_GRADIENTS);
        Phase alone = drive(ids, rates, r.getArrivalSeed(), measureNanos, () -> true);
        AtomicInteger asked = new AtomicInteger();
        long until = System.nanoTime() + measureNanos;
        // the first gradient is untimed: the n-th question comes after n - 1 completed gradients
        TrainingSession.BackToBack trainingAlone = session.backToBack(r.getTrainingBatch(),
                () -> asked.incrementAndGet() <= MIN_TIMED_GRADIENTS + 1 || System.nanoTime() < until);
        ServiceCalibrator.cancelledCheck();
        AtomicBoolean go = new AtomicBoolean(true);
        AtomicInteger besideAsked = new AtomicInteger();
        CompletableFuture<TrainingSession.BackToBack> beside = calibrator.background(r.getTrainingBatch(),
                () -> besideAsked.incrementAndGet() > 0 && go.get());
        Phase together;
        try {
            calibrator.awaitFirstGradientStarted();
            together = drive(ids, rates, r.getArrivalSeed(), measureNanos,
                    () -> besideAsked.get() > MIN_TIMED_GRADIENTS + 1);
        } finally {
            go.set(false);
        }
        TrainingSession.BackToBack besideTimes = ServiceCalibrator.join(beside);
        return reply(ids, alone, together, trainingAlone, besideTimes);
    }

    private CalibrateServicesReply reply(List<String> ids, Phase alone, Phase together,
                                         TrainingSession.BackToBack trainingAlone,
                                         TrainingSession.BackToBack besideTimes) throws StatusException {
        CalibrateServicesReply.Builder reply = CalibrateServicesReply.newBuilder()
                .setTrainingAloneSamplesPerSec(ServiceCalibrator.nanToZero(trainingAlone.samplesPerSec()))
                .setTrainingBesideServicesSamplesPerSec(ServiceCalibrator.nanToZero(besideTimes.samplesPerSec()))
                .setCpuQuotaCores(quotaCores);
        double busyMs = 0;
        for (int k = 0; k < ids.size(); k++) {
            Timings a = timings(alone.byService().get(k));
            Timings t = timings(together.byService().get(k));
            busyMs += t.busyMs();
            ServiceCalibrator.Times at = times(a.serviceMs());
            ServiceCalibrator.Times tt = times(t.serviceMs());
            reply.addServices(ServiceTiming.newBuilder().setServiceId(ids.get(k)).setCount(a.serviceMs().length)
                    .setTrainingCount(t.serviceMs().length).setAloneMeanMs(at.meanMs()).setAloneCv(at.cv())
                    .setTrainingMeanMs(tt.meanMs()).setTrainingCv(tt.cv())
                    .setAloneP50SojournMs(quantile(a.sojournMs(), 0.5)).setAloneP99SojournMs(quantile(a.sojournMs(), 0.99))
                    .setTrainingP50SojournMs(quantile(t.sojournMs(), 0.5))
                    .setTrainingP99SojournMs(quantile(t.sojournMs(), 0.99)));
        }
        double phaseMs = (together.toNanos() - together.fromNanos()) / 1e6;
        return reply.setServicesBusyFraction(Math.min(1, busyMs / phaseMs)).build();
    }

    /** The rate of each started service, in start order; every started service and only those. */
    private static double[] rates(Map<String, Double> byId, List<String> ids) throws StatusException {
        List<String> problems = new ArrayList<>();
        double[] rates = new double[ids.size()];
        for (int k = 0; k < ids.size(); k++) {
            Double rate = byId.get(ids.get(k));
            if (rate == null || !(rate > 0 && rate <= 100_000)) {
                problems.add("lc_rate_per_sec[" + ids.get(k) + "]: " + rate + ", expected a rate in (0, 100000]");
            } else {
                rates[k] = rate;
            }
        }
        byId.keySet().stream().filter(id -> !ids.contains(id)).sorted()
                .forEach(id -> problems.add("lc_rate_per_sec: " + id + " is not a started service"));
        if (!problems.isEmpty()) {
            throw Refusals.invalid(String.join("; ", problems));
        }
        return rates;
    }

    /**
     * Sends every service's Poisson arrivals at their times for {@code measureNanos}, and after that until
     * {@code enough} holds, then waits for every reply.
     */
    private Phase drive(List<String> ids, double[] rates, long seed, long measureNanos, BooleanSupplier enough)
            throws StatusException {
        int n = ids.size();
        SplittableRandom root = new SplittableRandom(seed);
        SplittableRandom[] rng = new SplittableRandom[n];
        double[] nextSec = new double[n];
        List<List<Sent>> sent = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            rng[k] = root.split();
            nextSec[k] = -Math.log1p(-rng[k].nextDouble()) / rates[k];
            sent.add(new ArrayList<>());
        }
        long origin = System.nanoTime();
        long requestId = 1L << 61;
        while (true) {
            int k = earliest(nextSec);
            long due = origin + (long) (nextSec[k] * 1e9);
            if (due - origin >= measureNanos && enough.getAsBoolean()) {
                break;
            }
            for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                ServiceCalibrator.cancelledCheck();
                LockSupport.parkNanos(Math.min(wait, 50_000_000L));
            }
            CompletableFuture<Long> end = new CompletableFuture<>();
            long handover = System.nanoTime();
            host.infer(ids.get(k), requestId++, 0, new byte[0])
                    .whenComplete((out, failure) -> {
                        long at = System.nanoTime();
                        if (failure != null) {
                            end.completeExceptionally(failure);
                        } else {
                            end.complete(at);
                        }
                    });
            sent.get(k).add(new Sent(due, handover, end));
            nextSec[k] += -Math.log1p(-rng[k].nextDouble()) / rates[k];
        }
        long last = origin;
        for (List<Sent> list : sent) {
            for (Sent s : list) {
                last = Math.max(last, await(s.end()));
            }
        }
        return new Phase(sent, origin, last);
    }

    private static int earliest(double[] nextSec) {
        int best = 0;
        for (int k = 1; k < nextSec.length; k++) {
            if (nextSec[k] < nextSec[best]) {
                best = k;
            }
        }
        return best;
    }

    private static long await(CompletableFuture<Long> end) throws StatusException {
        try {
            return end.get(DRAIN_TIMEOUT_SEC, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw Status.INTERNAL.withDescription("a request failed during open-loop calibration: " + e.getCause())
                    .asException();
        } catch (java.util.concurrent.TimeoutException e) {
            throw Status.INTERNAL.withDescription("open-loop calibration: a request unanswered after "
                    + DRAIN_TIMEOUT_SEC + " s (the rate overloads the service)").asException();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Status.CANCELLED.withDescription("calibration interrupted").asException();
        }
    }

    private static Timings timings(List<Sent> requests) throws StatusException {
        int n = requests.size();
        long[] due = new long[n];
        long[] handover = new long[n];
        long[] end = new long[n];
        for (int i = 0; i < n; i++) {
            due[i] = requests.get(i).dueNanos();
            handover[i] = requests.get(i).handoverNanos();
            end[i] = await(requests.get(i).end());
        }
        return Timings.fcfs(due, handover, end);
    }

    private static ServiceCalibrator.Times times(double[] ms) {
        return ms.length == 0 ? new ServiceCalibrator.Times(0, 0, 0, 0) : ServiceCalibrator.Times.of(ms);
    }

    /** Nearest-rank quantile; 0 without values. */
    static double quantile(double[] values, double q) {
        if (values.length == 0) {
            return 0;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
