package io.deepedge.policies.deepedge;

import io.deepedge.models.Link;
import io.deepedge.models.RetrainTime;
import io.deepedge.models.TrainingJob;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Step 3 of Deep-Edge, second half: the device set with the smallest expected re-training time
 * ({@link ExpectedTime}: integer split, barrier under LC interference), searched over the prefixes of
 * several candidate orders and over single devices. Every prefix's lower bound is cheap
 * ({@link PrefixSearch}); the expected time costs microseconds per device, so it is evaluated sparingly:
 * orders are visited by their best bound, and in each a pattern search over the prefix length starts at the
 * bound's minimum (the barrier makes larger sets slower than the bound says, so the best prefix is usually a
 * little shorter). Sets whose bound is no better than the best expected time found are skipped, and at most
 * {@value #MAX_EVALUATIONS} sets are evaluated, so planning time stays bounded on large clusters.
 */
final class BoundedSearch {
    static final int MAX_EVALUATIONS = 8;
    private static final int MAX_SINGLES = 2;

    private final List<List<Candidate>> orders;
    private final TrainingJob job;
    private final Link serverLink;
    private final Map<Long, Double> evaluated = new HashMap<>();
    private DeepEdgePolicy.Choice best;

    private BoundedSearch(List<List<Candidate>> orders, TrainingJob job, Link serverLink) {
        this.orders = orders;
        this.job = job;
        this.serverLink = serverLink;
        this.best = new DeepEdgePolicy.Choice(orders.isEmpty() ? List.of() : orders.get(0),
                new PrefixSearch.Best(0, Double.POSITIVE_INFINITY));
    }

    static DeepEdgePolicy.Choice best(List<List<Candidate>> orders, TrainingJob job, Link serverLink) {
        BoundedSearch search = new BoundedSearch(orders, job, serverLink);
        search.run();
        return search.best;
    }

    private record Order(List<Candidate> devices, double[] bounds, long[] hashes, int bestBound) {
    }

    private void run() {
        List<Order> byBound = new ArrayList<>();
        for (List<Candidate> devices : orders) {
            double[] bounds = PrefixSearch.lowerBounds(devices, job, serverLink);
            int k = 0;
            for (int i = 1; i < bounds.length; i++) {
                k = bounds[i] < bounds[k] ? i : k;
            }
            if (bounds.length > 0 && Double.isFinite(bounds[k])) {
                byBound.add(new Order(devices, bounds, prefixHashes(devices), k + 1));
            }
        }
        byBound.sort(Comparator.comparingDouble((Order o) -> o.bounds()[o.bestBound() - 1]));
        for (Order o : byBound) {
            if (o.bounds()[o.bestBound() - 1] >= bestSec() || evaluated.size() >= MAX_EVALUATIONS) {
                break;
            }
            patternSearch(o);
        }
        singles();
    }

    /** Prefix length by a pattern search: steps of a quarter of the start, halved when neither neighbour is better. */
    private void patternSearch(Order o) {
        int k = o.bestBound();
        double here = evaluate(o, k);
        for (int step = Math.max(1, k / 4); step >= 1; ) {
            int moveTo = k;
            for (int next : new int[] {k - step, k + step}) {
                if (next >= 1 && next <= o.devices().size() && o.bounds()[next - 1] < Math.min(here, bestSec())
                        && evaluated.size() < MAX_EVALUATIONS) {
                    double sec = evaluate(o, next);
                    if (sec < here) {
                        here = sec;
                        moveTo = next;
                    }
                }
            }
            if (moveTo == k) {
                step /= 2;
            }
            k = moveTo;
        }
    }

    /** Single devices (no barrier at all), by bound: a device the orders rank low can still be fastest alone. */
    private void singles() {
        if (orders.isEmpty()) {
            return;
        }
        List<Candidate> all = orders.get(0);
        double[] bounds = new double[all.size()];
        for (int j = 0; j < bounds.length; j++) {
            Candidate c = all.get(j);
            bounds[j] = c.capSamples() < job.samples() ? Double.POSITIVE_INFINITY
                    : RetrainTime.lowerBoundSec(job, serverLink, job.samples() / c.boundRate(), 1, c.link().bytesPerSec(),
                    c.link().latencySec(), RetrainTime.shardLowerBoundSec(job, c.link().bytesPerSec()));
        }
        for (int round = 0; round < MAX_SINGLES && evaluated.size() < MAX_EVALUATIONS + MAX_SINGLES; round++) {
            int next = -1;
            for (int j = 0; j < bounds.length; j++) {
                if (bounds[j] < bestSec() && (next < 0 || bounds[j] < bounds[next])) {
                    next = j;
                }
            }
            if (next < 0) {
                return;
            }
            List<Candidate> one = List.of(all.get(next));
            evaluate(new Order(one, new double[] {bounds[next]}, prefixHashes(one), 1), 1);
            bounds[next] = Double.POSITIVE_INFINITY;
        }
    }

    private double bestSec() {
        return best.best().totalSec();
    }

    private double evaluate(Order o, int size) {
        Double known = evaluated.get(o.hashes()[size - 1]);
        if (known != null) {
            return known;
        }
        double sec = ExpectedTime.of(o.devices().subList(0, size), job, serverLink);
        evaluated.put(o.hashes()[size - 1], sec);
        if (sec < bestSec()) {
            best = new DeepEdgePolicy.Choice(o.devices(), new PrefixSearch.Best(size, sec));
        }
        return sec;
    }

    /** Order-independent hash of each prefix's device set (XOR of per-name hashes). */
    private static long[] prefixHashes(List<Candidate> order) {
        long[] out = new long[order.size()];
        long h = 0;
        for (int k = 0; k < out.length; k++) {
            h ^= mix(order.get(k).name().hashCode() * 0x9E3779B97F4A7C15L + order.get(k).name().length());
            out[k] = h;
        }
        return out;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
