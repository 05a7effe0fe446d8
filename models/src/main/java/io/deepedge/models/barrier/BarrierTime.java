package io.deepedge.models.barrier;

import io.deepedge.models.DeviceProfile;
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
 * sizes in their epoch proportions; for these {@code E[max] = int (1 - prod F_j)} is integrated numerically.
 *
 * <p>Whether an LC request is in service when a computation starts depends on how long the device rested
 * (waited at the barrier and synchronised) before: a first pass assumes the services' full-speed state, a
 * second takes the rest as the cycle of the first pass ({@code E[max] + sync}) minus the device's own mean.
 */
public final class BarrierTime {
    private static final int GRID = 48;

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
        double[] startBusy = new double[noisy.size()];
        for (int j = 0; j < startBusy.length; j++) {
            startBusy[j] = noisy.get(j).restBusy();
        }
        double first = expectedMax(fixed, noisy, startBusy);
        double cycleSec = first + syncSec;
        for (int j = 0; j < startBusy.length; j++) {
            Part p = noisy.get(j);
            startBusy[j] = p.startBusy(Math.max(0, cycleSec - p.meanSec(startBusy[j])));
        }
        return expectedMax(fixed, noisy, startBusy);
    }

    /** {@code sum_k E[max(D_k, M)] / I}: D_k the deterministic devices' maximum, M the noisy devices' one. */
    private static double expectedMax(DeterministicMax fixed, List<Part> noisy, double[] startBusy) {
        int n = noisy.size();
        ComputeTime[] lo = new ComputeTime[n];
        ComputeTime[] hi = new ComputeTime[n];
        double from = 0;
        double to = 0;
        for (int j = 0; j < n; j++) {
            Part p = noisy.get(j);
            lo[j] = p.lo(startBusy[j]);
            hi[j] = p.highShare() > 0 ? p.hi(startBusy[j]) : lo[j];
            from = Math.max(from, lo[j].minSec());
            to = Math.max(to, Math.max(lo[j].maxSec(), hi[j].maxSec()));
        }
        if (to <= from) {
            return fixed.meanOfMaxWith(from, null, null);
        }
        double[] grid = new double[GRID];
        double[] tail = new double[GRID];
        double step = (to - from) / (GRID - 1);
        double[] above = new double[GRID];
        for (int g = 0; g < GRID; g++) {
            grid[g] = from + g * step;
            double cdf = 1;
            for (int j = 0; j < n && cdf > 0; j++) {
                double f = noisy.get(j).highShare();
                double lowCdf = lo[j].cdf(grid[g]);
                cdf *= f == 0 ? lowCdf : (1 - f) * lowCdf + f * hi[j].cdf(grid[g]);
            }
            above[g] = 1 - cdf;
        }
        for (int g = GRID - 2; g >= 0; g--) {
            tail[g] = tail[g + 1] + 0.5 * (above[g] + above[g + 1]) * step;
        }
        return fixed.meanOfMaxWith(from, grid, tail);
    }

    /** One worker's part: its two batch sizes, their standalone times, its LC activity. */
    private record Part(long share, long low, double highShare, double lowSec, double highSec,
                        double trainingSlowdown, LcBusyProcess lcLow, LcBusyProcess lcHigh) {
        static Part of(Worker w, long share, long iterations) {
            DeviceProfile p = w.profile();
            long low = share / iterations;
            double highShare = (double) (share % iterations) / iterations;
            double sigma = p.interference().trainingSlowdown();
            double lowSec = low == 0 ? 0 : low / p.trainSamplesPerSecAt(low);
            double highSec = (low + 1) / p.trainSamplesPerSecAt(low + 1);
            LcBusyProcess lcLow = LcBusyProcess.of(w.loads(), p.serviceSlowdownAt(Math.max(1, low)), sigma);
            LcBusyProcess lcHigh = LcBusyProcess.of(w.loads(), p.serviceSlowdownAt(low + 1), sigma);
            return new Part(share, low, highShare, lowSec, highSec, sigma, lcLow, lcHigh);
        }

        boolean noisy() {
            return lcLow != null && !lcLow.saturated();
        }

        /** Deterministic batch time: standalone, or slowed throughout when the services never empty. */
        double fixedSec(boolean high) {
            LcBusyProcess lc = high ? lcHigh : lcLow;
            double sec = high ? highSec : lowSec;
            return lc != null && lc.saturated() ? sec * trainingSlowdown : sec;
        }

        ComputeTime lo(double startBusy) {
            return ComputeTime.of(lowSec, trainingSlowdown, lcLow, startBusy);
        }

        ComputeTime hi(double startBusy) {
            return ComputeTime.of(highSec, trainingSlowdown, lcHigh == null ? lcLow : lcHigh, startBusy);
        }

        double restBusy() {
            return lcLow.restBusy();
        }

        double meanSec(double startBusy) {
            double low = lo(startBusy).meanSec();
            return highShare == 0 ? low : (1 - highShare) * low + highShare * hi(startBusy).meanSec();
        }

        double startBusy(double restSec) {
            double meanWorkSec = (1 - highShare) * lowSec + highShare * highSec;
            return lcLow.startBusy(meanWorkSec, restSec);
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
                    base = Math.max(base, p.fixedSec(false));
                    fixed.add(p);
                }
            }
            final double floor = base;
            List<Part> raising = new ArrayList<>(fixed.stream()
                    .filter(p -> p.highShare() > 0 && p.fixedSec(true) > floor).toList());
            raising.sort(Comparator.comparingDouble((Part p) -> -p.fixedSec(true)));
            double[] values = new double[raising.size() + 1];
            long[] counts = new long[raising.size() + 1];
            for (int i = 0; i < raising.size(); i++) {
                values[i] = raising.get(i).fixedSec(true);
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
                    if (Plan.localBatch(p.share(), iterations, k) > p.low()) {
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
