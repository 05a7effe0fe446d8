package io.deepedge.experiments.config;

import io.deepedge.models.Arrivals;
import io.deepedge.models.Device;
import io.deepedge.models.DeviceProfile;
import io.deepedge.models.Scenario;
import io.deepedge.models.ServiceInstance;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Refuses a grid point whose runs would not fit in the heap, before anything runs, with the estimate and the
 * {@code -Xmx} they would need. The estimate follows the simulator's arrays: every LC latency of a run's metrics
 * window is kept (8 bytes a request, in arrays of 256 entries that double as they fill: while one is copied the
 * old and the new array are both alive, and at the end of the run a trimmed copy is sorted), in three arrays per
 * instance, the requests that arrived while training ran on the device, while it ran only on other devices, and
 * the rest (with a job the split is the policy's doing, so the costliest split is taken); an instance whose load
 * can exceed 1 keeps a growing waiting line (24 bytes a waiting request: arrival, service time and the job's state,
 * doubling too); a recorded trace is copied into each run (8 bytes a time). Requests are counted over the whole
 * horizon, which holds the window. Runs are simulated {@code --threads} at once. Arrays this large live in the old
 * generation, which the parallel collector the launcher uses sizes at two thirds of the heap (measured: README).
 */
final class RunMemory {
    /** The share of {@code -Xmx} the large arrays can use: the parallel collector's old generation (NewRatio 2). */
    static final double USABLE_HEAP_FRACTION = 2.0 / 3;
    /** The loaded config, the run's other state and the result rows, measured well below this (README). */
    static final long MARGIN_BYTES = 64L << 20;
    /**
     * The latencies of one instance may all fall in one of its arrays, a Java array: it cannot double past 2^30
     * entries.
     */
    static final double MAX_REQUESTS_PER_INSTANCE = 1e9;
    /** Start capacity of each latency array ({@code WindowLatencies}). */
    static final int LATENCY_ARRAY_START = 256;
    /** Latency arrays per instance: training on its device, training elsewhere only, no training. */
    static final int LATENCY_ARRAYS = 3;
    private static final int WAITING_ARRAY_START = 64;
    /** Doubles a waiting request takes in the waiting line: arrival time, service time, the job's state. */
    private static final int WAITING_DOUBLES = 3;
    private static final double GIB = 1024.0 * 1024 * 1024;

    /**
     * One service's share of a run's memory.
     *
     * @param requests expected requests over the horizon, all instances
     * @param bytes their estimated memory
     * @param largestInstance expected requests of its busiest instance
     */
    private record Share(double requests, double bytes, double largestInstance) {
        Share plus(double instanceRequests, double instanceBytes) {
            return new Share(requests + instanceRequests, bytes + instanceBytes,
                    Math.max(largestInstance, instanceRequests));
        }
    }

    private RunMemory() {
    }

    /**
     * Reports, at the {@code arrivals} of the service that needs the most, a grid point whose runs held at once
     * need more heap than {@code scope} allows, or one instance that would record more latencies than an array holds.
     *
     * @param arrivals each service's {@code arrivals} node and path, for the problem's line
     */
    static void check(Scenario scenario, Map<String, Located> arrivals, RunScope scope, Problems problems) {
        Map<String, Share> shares = shares(scenario);
        if (shares.isEmpty()) {
            return;
        }
        String largest = Collections.max(shares.entrySet(), Map.Entry.comparingByValue(
                (a, b) -> Double.compare(a.bytes(), b.bytes()))).getKey();
        double requests = shares.values().stream().mapToDouble(Share::requests).sum();
        double perRunBytes = shares.values().stream().mapToDouble(Share::bytes).sum();
        double needBytes = scope.runsAtOnce() * perRunBytes + MARGIN_BYTES;
        double usableBytes = scope.maxHeapBytes() * USABLE_HEAP_FRACTION;
        Located at = arrivals.get(largest);
        Share share = shares.get(largest);
        if (needBytes > usableBytes) {
            long xmxGib = (long) Math.ceil(needBytes / USABLE_HEAP_FRACTION / GIB);
            problems.add(at.line(), at.path(), "the runs would not fit in memory: about " + count(requests)
                    + " LC requests per run over horizonSec = " + YamlNodes.format(scenario.horizonSec()) + " (service "
                    + largest + ": " + count(share.requests()) + "), " + size(perRunBytes) + " per run",
                    size(needBytes) + " for " + scope.runsAtOnce() + " run" + (scope.runsAtOnce() == 1 ? "" : "s")
                            + " at once",
                    "at most " + size(usableBytes) + ", two thirds of this JVM's " + size(scope.maxHeapBytes())
                            + " heap; run with DEEPEDGE_JAVA_OPTS=-Xmx" + xmxGib + "g, fewer --threads, a lower"
                            + " rate or a shorter horizonSec");
        } else if (share.largestInstance() > MAX_REQUESTS_PER_INSTANCE) {
            problems.add(at.line(), at.path(), "one instance would record about " + count(share.largestInstance())
                    + " LC requests per run", count(share.largestInstance()), "at most "
                    + count(MAX_REQUESTS_PER_INSTANCE) + " per instance (the simulator keeps each latency in one"
                    + " array); a lower rate or a shorter horizonSec");
        }
    }

    /** Each service's expected requests and memory per run, by service name. */
    private static Map<String, Share> shares(Scenario scenario) {
        Map<String, Device> byName = new HashMap<>();
        scenario.devices().forEach(d -> byName.put(d.name(), d));
        Map<String, Share> shares = new LinkedHashMap<>(); // file order: ties name the first service
        for (ServiceInstance instance : scenario.services()) {
            double requests = expectedRequests(instance.arrivals(), scenario.horizonSec());
            double slowdown = scenario.job().isPresent() ? maxServiceSlowdown(byName.get(instance.device()).profile()) : 1;
            double load = requests / scenario.horizonSec() * instance.serviceTime().meanMs() / 1000 * slowdown;
            // Past a load of 1 the waiting line can grow for the whole run, by (1 - 1/load) of the arrivals.
            double waiting = load > 1 ? (1 - 1 / load) * requests : 0;
            double traceTimes = instance.arrivals() instanceof Arrivals.Recorded r ? r.timesSec().size() : 0;
            double latencyBytes = scenario.job().isPresent()
                    ? peakSplitArrayBytes(LATENCY_ARRAY_START, requests, LATENCY_ARRAYS)
                    : peakArrayBytes(LATENCY_ARRAY_START, requests, true);
            double bytes = latencyBytes + peakArrayBytes(WAITING_ARRAY_START, WAITING_DOUBLES * waiting, false)
                    + Double.BYTES * traceTimes;
            shares.merge(instance.service(), new Share(requests, bytes, requests),
                    (a, b) -> a.plus(b.requests(), b.bytes()));
        }
        return shares;
    }

    /**
     * The most bytes an array of doubles holding {@code entries} (an expected count: 5 standard deviations of a
     * Poisson count are added) takes at once: while it last doubles, the old and the new array; with
     * {@code sortedCopy}, also the full array and its sorted copy at the end of the run.
     */
    static double peakArrayBytes(int startCapacity, double entries, boolean sortedCopy) {
        if (entries <= 0) {
            return 0;
        }
        return slotBytes(startCapacity, entries + 5 * Math.sqrt(entries), sortedCopy);
    }

    /**
     * The most bytes {@code arrays} such arrays (sorted copies included) take when {@code entries} (5 standard
     * deviations added) are split between them in any proportion. A share just past a doubling costs its array the
     * most (one entry, or one past a doubling); between such points the sum is convex in the split, so its maximum
     * lies where every array but one holds nothing or such a share (the arrays are alike, so which one takes the rest
     * does not matter).
     */
    static double peakSplitArrayBytes(int startCapacity, double entries, int arrays) {
        if (entries <= 0) {
            return 0;
        }
        return worstSplit(startCapacity, entries + 5 * Math.sqrt(entries), arrays);
    }

    /** {@link #peakSplitArrayBytes} for {@code high} entries, the margin already added. */
    private static double worstSplit(int startCapacity, double high, int arrays) {
        if (arrays == 1) {
            return slotBytes(startCapacity, high, true);
        }
        double worst = worstSplit(startCapacity, high, arrays - 1);  // this array empty
        // one entry makes an empty array take its first slots; each doubling point after that
        for (double boundary = 0; boundary + 1 < high; boundary = Math.max(startCapacity, 2 * boundary)) {
            double share = boundary + 1;
            worst = Math.max(worst, slotBytes(startCapacity, share, true)
                    + worstSplit(startCapacity, high - share, arrays - 1));
        }
        return worst;
    }

    /** {@link #peakArrayBytes} for {@code high} entries, the margin already added. */
    private static double slotBytes(int startCapacity, double high, boolean sortedCopy) {
        double capacity = startCapacity;
        while (capacity < high) {
            capacity *= 2;
        }
        double growing = capacity > startCapacity ? capacity / 2 + capacity : capacity;
        return Double.BYTES * Math.max(growing, sortedCopy ? capacity + high : capacity);
    }

    /** The integral of the arrival rate over {@code [0, horizonSec)}. */
    static double expectedRequests(Arrivals arrivals, double horizonSec) {
        if (arrivals instanceof Arrivals.Poisson p) {
            return p.ratePerSec() * horizonSec;
        }
        if (arrivals instanceof Arrivals.Steps s) {
            double total = 0;
            List<Arrivals.Step> steps = s.steps();
            for (int i = 0; i < steps.size(); i++) {
                double from = Math.min(steps.get(i).atSec(), horizonSec);
                double to = i + 1 < steps.size() ? Math.min(steps.get(i + 1).atSec(), horizonSec) : horizonSec;
                total += steps.get(i).ratePerSec() * (to - from);
            }
            return total;
        }
        Arrivals.Recorded r = (Arrivals.Recorded) arrivals;
        if (r.periodSec() <= 0) {
            return before(r.timesSec(), horizonSec);
        }
        double rounds = Math.floor(horizonSec / r.periodSec());
        return rounds * r.timesSec().size() + before(r.timesSec(), horizonSec - rounds * r.periodSec());
    }

    private static long before(List<Double> sortedTimes, double limit) {
        int lo = 0;
        int hi = sortedTimes.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sortedTimes.get(mid) < limit) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Training may run here for the whole horizon: the largest slowdown any batch gives is the worst case. */
    private static double maxServiceSlowdown(DeviceProfile profile) {
        double max = profile.interference().serviceSlowdown();
        for (var point : profile.batches()) {
            max = Math.max(max, point.serviceSlowdown());
        }
        return max;
    }

    /** A request count for a message, with thousands separators: {@code 36,000,000,000}. */
    private static String count(double value) {
        return String.format(Locale.ROOT, "%,.0f", value);
    }

    /** Bytes for a message: {@code 780.2 GiB}, or {@code 73.8 MiB} below a GiB. */
    private static String size(double bytes) {
        return bytes >= GIB ? String.format(Locale.ROOT, "%.1f GiB", bytes / GIB)
                : String.format(Locale.ROOT, "%.1f MiB", bytes / (1 << 20));
    }
}
