package io.deepedge.models.metrics;

import io.deepedge.models.LatencySummary;
import io.deepedge.models.ServiceInstance;
import io.deepedge.models.ServiceStats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Accumulates one service instance's requests over the metrics window, as the mechanism reports them, and
 * leaves as a {@link ServiceStats} snapshot. A request counts when it arrives in the window; it is then
 * exactly one of: completed by the window's end (its latency), lost to a device failure before the end, or
 * unfinished at the end (its age at the end, a lower bound of its latency). Latencies are kept exactly (8
 * bytes a request), split by what the job did at the request's arrival: training ran on the device (the
 * co-location view), ran only on other devices, or ran nowhere; the job view (the first two together) and the
 * co-location view cost no extra memory.
 */
public final class WindowLatencies {
    private final MetricsWindow window;
    private final double deadlineMs;
    private final Samples colocated = new Samples();
    private final Samples elsewhere = new Samples();
    private final Samples rest = new Samples();
    private long lost;

    public WindowLatencies(MetricsWindow window, double deadlineMs) {
        this.window = window;
        this.deadlineMs = deadlineMs;
    }

    public MetricsWindow window() {
        return window;
    }

    /** A request left its server at {@code departureSec}; {@code duringTraining} as seen at its arrival. */
    public void completed(double arrivalSec, double departureSec, boolean duringTraining) {
        completed(arrivalSec, departureSec, duringTraining, duringTraining);
    }

    /**
     * A request left its server at {@code departureSec}; as seen at its arrival, {@code duringTraining}: the job's
     * training ran on this device, {@code duringJob}: it ran on some device (implied by the first).
     */
    public void completed(double arrivalSec, double departureSec, boolean duringTraining, boolean duringJob) {
        if (window.admits(arrivalSec) && departureSec <= window.toSec()) {
            samples(duringTraining, duringJob).add((departureSec - arrivalSec) * 1000.0, false, deadlineMs);
        }
    }

    /** A request was dropped at {@code atSec} (its device failed, or it arrived while the device was down). */
    public void lost(double arrivalSec, double atSec) {
        if (window.admits(arrivalSec) && atSec < window.toSec()) {
            lost++;
        }
    }

    /** At the window's end, a request still queued or in service: judged by its age. */
    public void unfinishedAtEnd(double arrivalSec, boolean duringTraining) {
        unfinishedAtEnd(arrivalSec, duringTraining, duringTraining);
    }

    /** At the window's end, a request still queued or in service; the job's state at its arrival as in completed. */
    public void unfinishedAtEnd(double arrivalSec, boolean duringTraining, boolean duringJob) {
        if (window.admits(arrivalSec)) {
            samples(duringTraining, duringJob).add((window.toSec() - arrivalSec) * 1000.0, true, deadlineMs);
        }
    }

    private Samples samples(boolean duringTraining, boolean duringJob) {
        return duringTraining ? colocated : duringJob ? elsewhere : rest;
    }

    /** The snapshot of this instance; {@code trainedThere}: training computed on the device during the run. */
    public ServiceStats stats(ServiceInstance instance, boolean trainedThere) {
        List<double[]> all = sortedLatenciesMs();
        double q = instance.sloQuantile();
        return new ServiceStats(instance.service(), instance.device(), trainedThere, lost, instance.deadlineMs(),
                q, summary(q, colocated, elsewhere, rest), summary(q, colocated), summary(q, colocated, elsewhere),
                LatencyHistogram.of(all));
    }

    /** The judged latencies (completed and unfinished ages), as sorted arrays; sorts once, in place. */
    public List<double[]> sortedLatenciesMs() {
        return List.of(colocated.sorted(), elsewhere.sorted(), rest.sorted());
    }

    /** The summary of the union of {@code parts}. */
    private static LatencySummary summary(double sloQuantile, Samples... parts) {
        List<double[]> sorted = new ArrayList<>(parts.length);
        long unfinished = 0;
        long misses = 0;
        double sumMs = 0;
        for (Samples p : parts) {
            sorted.add(p.sorted());
            unfinished += p.unfinished;
            misses += p.misses;
            sumMs += p.sumMs;
        }
        long n = Quantiles.count(sorted);
        if (n == 0) {
            return LatencySummary.EMPTY;
        }
        return new LatencySummary(n, unfinished, misses, sumMs / n, Quantiles.ofUnion(sorted, 0.50),
                Quantiles.ofUnion(sorted, 0.95), Quantiles.ofUnion(sorted, 0.99), Quantiles.ofUnion(sorted, sloQuantile));
    }

    /** Every instance's requests together. */
    public static LcTotals totals(List<WindowLatencies> instances) {
        List<double[]> all = new ArrayList<>();
        long unfinished = 0;
        long misses = 0;
        for (WindowLatencies w : instances) {
            all.addAll(w.sortedLatenciesMs());
            for (Samples p : List.of(w.colocated, w.elsewhere, w.rest)) {
                unfinished += p.unfinished;
                misses += p.misses;
            }
        }
        return new LcTotals(Quantiles.count(all), unfinished, misses, Quantiles.ofUnion(all, 0.50),
                Quantiles.ofUnion(all, 0.95), Quantiles.ofUnion(all, 0.99));
    }

    /** A growable primitive array of latencies with its running sum and counts. */
    private static final class Samples {
        private double[] valuesMs = new double[256];
        private int count;
        private boolean sorted;
        private double sumMs;
        private long misses;
        private long unfinished;

        void add(double latencyMs, boolean isUnfinished, double deadlineMs) {
            if (sorted) {
                throw new IllegalStateException("latencies were already summarised");
            }
            if (count == valuesMs.length) {
                valuesMs = Arrays.copyOf(valuesMs, count * 2);
            }
            valuesMs[count++] = latencyMs;
            sumMs += latencyMs;
            if (latencyMs > deadlineMs) {
                misses++;
            }
            if (isUnfinished) {
                unfinished++;
            }
        }

        double[] sorted() {
            if (!sorted) {
                valuesMs = Arrays.copyOf(valuesMs, count);
                Arrays.sort(valuesMs);
                sorted = true;
            }
            return valuesMs;
        }
    }
}
