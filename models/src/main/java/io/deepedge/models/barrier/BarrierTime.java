package io.deepedge.models.barrier;

import io.deepedge.models.DeviceProfile;
import io.deepedge.models.LcLoad;
import io.deepedge.models.Plan;
import io.deepedge.models.Worker;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The expected compute phase of a synchronous iteration: the time until the slowest device reaches the
 * barrier, {@code E[max_j X_j]}, averaged over an epoch's iterations.
 *
 * <p>Device {@code j} with share {@code d_j} computes {@code floor(d_j / I)} or one sample more in each
 * iteration, exactly as {@link Plan#localBatch} splits it. Devices without LC interference are deterministic:
 * the maximum of their batch times is counted iteration by iteration, so the integer split is exact. Devices
 * with LC interference are independent random variables ({@link ComputeTime}), each a mixture of its two batch
 * sizes in their epoch proportions; for these {@code E[max] = int (1 - prod F_j)} is integrated numerically
 * (trapezoids on {@value #GRID} points; {@value #FIRST_GRID} for the first estimate below).
 *
 * <p>Whether an LC request is in service when a computation starts depends on how long the device rested
 * (waited at the barrier and synchronised) before: a first estimate of the cycle takes the services'
 * full-speed state at the start and normal compute times; each device's rest is then that cycle
 * ({@code E[max] + sync}) minus its own mean, and the final estimate starts from the periodic state this gives.
 */
public final class BarrierTime {
    private static final int GRID = 24;
    private static final int FIRST_GRID = 12;

    private BarrierTime() {
    }

    /**
     * Expected time from the start of an iteration until every worker with a positive share has computed its
     * local batch, averaged over the epoch's {@code iterationsPerEpoch} iterations; {@code syncSec} is the
     * synchronisation that follows (the devices rest during it).
     */
    public static double meanComputeSec(List<Worker> workers, long[] shares, long iterationsPerEpoch, double syncSec) {
        List<Part> parts = new ArrayList<>();
        for (int j = 0; j < workers.size(); j++) {
            if (shares[j] > 0) {
                parts.add(Part.of(workers.get(j), shares[j], iterationsPerEpoch));
            }
        }
        DeterministicMax fixed = DeterministicMax.of(parts, iterationsPerEpoch);
        List<Part> noisy = parts.stream().filter(Part::noisy).toList();
        if (noisy.isEmpty()) {
            return fixed.mean();
        }
        int n = noisy.size();
        ComputeDistribution[] lo = new ComputeDistribution[n];
        ComputeDistribution[] hi = new ComputeDistribution[n];
        for (int j = 0; j < n; j++) {
            Part p = noisy.get(j);
            lo[j] = Normal.of(p.low, p.trainingSlowdown, p.restBusy());
            hi[j] = p.high == null ? lo[j] : Normal.of(p.high, p.trainingSlowdown, p.restBusy());
        }
        double cycleSec = expectedMax(fixed, noisy, lo, hi, FIRST_GRID) + syncSec;
        for (int j = 0; j < n; j++) {
            Part p = noisy.get(j);
            double meanSec = (1 - p.highShare) * lo[j].meanSec() + p.highShare * hi[j].meanSec();
            double startBusy = p.startBusy(Math.max(0, cycleSec - meanSec));
            lo[j] = p.low == null ? ComputeTime.fixed(0) : ComputeTime.of(p.low, p.trainingSlowdown, startBusy);
            hi[j] = p.high == null ? lo[j] : ComputeTime.of(p.high, p.trainingSlowdown, startBusy);
        }
        return expectedMax(fixed, noisy, lo, hi, GRID);
    }

    /**
     * A factor {@code phi <= 1} such that, at every local batch up to {@code maxBatch}, the expected time of a
     * batch on this device is at least its standalone time divided by {@code phi}: the busy share of a
     * computation is at least the smaller of the services' full-speed busy share and their slowed one at the
     * smallest service slowdown, {@code phi = 1 / (1 + (trainingSlowdown - 1) min(...))}. Policies use it to
     * bound device sets from below.
     */
    public static double speedBound(List<LcLoad> loads, DeviceProfile profile, double maxBatch) {
        double sigma = profile.interference().trainingSlowdown();
        double slowdown = profile.serviceSlowdownAt(1);
        if (profile.batchDependent()) {
            for (int batch : profile.batchSizes()) {
                if (batch <= maxBatch) {
                    slowdown = Math.min(slowdown, profile.serviceSlowdownAt(batch));
                }
            }
        }
        double busy = LcBusyProcess.leastBusyShare(loads, slowdown, sigma);
        return 1 / (1 + (sigma - 1) * busy);
    }

    /** The first estimate: a normal with the compute time's mean and variance, over mean +- 5 sd. */
    private record Normal(double meanSec, double sdSec) implements ComputeDistribution {
        static Normal of(LcBusyProcess.Window window, double trainingSlowdown, double startBusy) {
            if (window == null) {
                return new Normal(0, 0);
            }
            double[] busy = window.busyWork(startBusy);
            double extra = trainingSlowdown - 1;
            return new Normal(window.workSec() + extra * busy[0], extra * Math.sqrt(busy[1]));
        }

        @Override
        public double cdf(double sec) {
            return sdSec == 0 ? (sec >= meanSec ? 1 : 0) : FastNormal.tabulatedCdf((sec - meanSec) / sdSec);
        }

        @Override
        public double minSec() {
            return Math.max(0, meanSec - 5 * sdSec);
        }

        @Override
        public double maxSec() {
            return meanSec + 5 * sdSec;
        }
    }

    /** {@code sum_k E[max(D_k, M)] / I}: D_k the deterministic devices' maximum, M the noisy devices' one. */
    private static double expectedMax(DeterministicMax fixed, List<Part> noisy, ComputeDistribution[] lo,
                                      ComputeDistribution[] hi, int points) {
        int n = noisy.size();
        double from = 0;
        double to = 0;
        for (int j = 0; j < n; j++) {
            from = Math.max(from, lo[j].minSec());
            to = Math.max(to, Math.max(lo[j].maxSec(), hi[j].maxSec()));
        }
        if (to <= from) {
            return fixed.meanOfMaxWith(from, null, null);
        }
        double[] grid = new double[points];
        double[] above = new double[points];
        double step = (to - from) / (points - 1);
        for (int g = 0; g < points; g++) {
            grid[g] = from + g * step;
            double cdf = 1;
            for (int j = 0; j < n && cdf > 0; j++) {
                double f = noisy.get(j).highShare;
                double lowCdf = lo[j].cdf(grid[g]);
                cdf *= f == 0 ? lowCdf : (1 - f) * lowCdf + f * hi[j].cdf(grid[g]);
            }
            above[g] = 1 - cdf;
        }
        double[] tail = new double[points];
        for (int g = points - 2; g >= 0; g--) {
            tail[g] = tail[g + 1] + 0.5 * (above[g] + above[g + 1]) * step;
        }
        return fixed.meanOfMaxWith(from, grid, tail);
    }

    /** One worker's part: its two batch sizes, their LC windows (null without interference), their fixed times. */
    private static final class Part {
        final long share;
        final long lowBatch;
        final double highShare;
        final double lowFixedSec;
        final double highFixedSec;
        final double trainingSlowdown;
        final LcBusyProcess lc;
        final LcBusyProcess.Window low;
        final LcBusyProcess.Window high;

        private Part(Worker w, long share, long iterations) {
            DeviceProfile p = w.profile();
            this.share = share;
            this.lowBatch = share / iterations;
            this.highShare = (double) (share % iterations) / iterations;
            this.trainingSlowdown = p.interference().trainingSlowdown();
            double lowSec = lowBatch == 0 ? 0 : lowBatch / p.trainSamplesPerSecAt(lowBatch);
            double highSec = (lowBatch + 1) / p.trainSamplesPerSecAt(lowBatch + 1);
            double slowdownLow = p.serviceSlowdownAt(Math.max(1, lowBatch));
            double slowdownHigh = p.serviceSlowdownAt(lowBatch + 1);
            LcBusyProcess lcLow = LcBusyProcess.of(w.loads(), slowdownLow, trainingSlowdown);
            LcBusyProcess lcHigh = slowdownHigh == slowdownLow ? lcLow
                    : LcBusyProcess.of(w.loads(), slowdownHigh, trainingSlowdown);
            this.lc = lcLow;
            this.lowFixedSec = lcLow != null && lcLow.saturated() ? lowSec * trainingSlowdown : lowSec;
            this.highFixedSec = lcHigh != null && lcHigh.saturated() ? highSec * trainingSlowdown : highSec;
            boolean noisy = lcLow != null && !lcLow.saturated();
            this.low = noisy && lowBatch > 0 ? lcLow.window(lowSec) : null;
            this.high = noisy && highShare > 0
                    ? (lcHigh == null || lcHigh.saturated() ? lcLow : lcHigh).window(highSec) : null;
        }

        static Part of(Worker w, long share, long iterations) {
            return new Part(w, share, iterations);
        }

        boolean noisy() {
            return lc != null && !lc.saturated();
        }

        double restBusy() {
            return lc.restBusy();
        }

        double startBusy(double restSec) {
            double meanWorkSec = (1 - highShare) * (low == null ? 0 : low.workSec())
                    + highShare * (high == null ? 0 : high.workSec());
            return lc.startBusy(meanWorkSec, restSec);
        }
    }

    /**
     * The deterministic devices' maximum batch time over the epoch's iterations, counted exactly: in each
     * iteration it is the largest "one more sample" time among the devices that carry one more sample then,
     * or else the largest plain batch time.
     */
    private record DeterministicMax(double[] values, long[] counts, long iterations) {
        static DeterministicMax of(List<Part> parts, long iterations) {
            double base = 0;
            List<Part> fixed = new ArrayList<>();
            for (Part p : parts) {
                if (!p.noisy()) {
                    base = Math.max(base, p.lowFixedSec);
                    fixed.add(p);
                }
            }
            final double floor = base;
            List<Part> raising = new ArrayList<>(fixed.stream()
                    .filter(p -> p.highShare > 0 && p.highFixedSec > floor).toList());
            raising.sort(Comparator.comparingDouble((Part p) -> -p.highFixedSec));
            double[] values = new double[raising.size() + 1];
            long[] counts = new long[raising.size() + 1];
            for (int i = 0; i < raising.size(); i++) {
                values[i] = raising.get(i).highFixedSec;
            }
            values[raising.size()] = base;
            if (raising.isEmpty()) {
                counts[0] = iterations;
                return new DeterministicMax(values, counts, iterations);
            }
            for (long k = 0; k < iterations; k++) {
                int first = raising.size();
                for (int i = 0; i < raising.size(); i++) {
                    Part p = raising.get(i);
                    if (Plan.localBatch(p.share, iterations, k) > p.lowBatch) {
                        first = i;
                        break;
                    }
                }
                counts[first]++;
            }
            return new DeterministicMax(values, counts, iterations);
        }

        double mean() {
            return meanOfMaxWith(0, null, null);
        }

        /**
         * {@code sum_k E[max(D_k, M)] / I}, where {@code M >= from} has {@code int_x^inf P(M > t) dt = tail}
         * at the points {@code grid} (null: M = from).
         */
        double meanOfMaxWith(double from, double[] grid, double[] tail) {
            double sum = 0;
            for (int i = 0; i < values.length; i++) {
                if (counts[i] > 0) {
                    sum += counts[i] * (values[i] + excess(values[i], from, grid, tail));
                }
            }
            return sum / iterations;
        }

        /** {@code E[max(v, M)] - v = int_v^inf P(M > t) dt}. */
        private static double excess(double v, double from, double[] grid, double[] tail) {
            if (v < from) {
                return (from - v) + (grid == null ? 0 : tail[0]);
            }
            if (grid == null || v >= grid[grid.length - 1]) {
                return 0;
            }
            double step = grid[1] - grid[0];
            int g = (int) Math.min(grid.length - 2, Math.floor((v - grid[0]) / step));
            double x = (v - grid[g]) / step;
            return tail[g] + x * (tail[g + 1] - tail[g]);
        }
    }
}
