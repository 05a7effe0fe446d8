package io.deepedge.policies.deepedge;

import io.deepedge.models.Plan;
import io.deepedge.models.TrainingJob;
import io.deepedge.policies.Decision;
import io.deepedge.policies.PlanningRequest;
import io.deepedge.policies.SchedulingPolicy;
import io.deepedge.policies.ServiceLoad;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * Deep-Edge: per device the largest local batch that keeps every co-located SLO and fits memory; eligible
 * devices ranked by effective throughput (and, when batch caps bind, also by capped contribution, see
 * {@link Rankings}); the prefix with the shortest predicted re-training time over both rankings; shares
 * by equal-finish water-filling within the batch caps. Load-aware: SLOs are checked at the forecast peak
 * rate over the job's expected window (two passes: the window comes from a plan at the current rates).
 */
public final class DeepEdgePolicy implements SchedulingPolicy {
    private final String id;
    private final Options options;

    public DeepEdgePolicy(String id, Options options) {
        this.id = id;
        this.options = options;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String description() {
        if (options.equals(Options.FULL)) {
            return "interference- and load-aware device selection and data split (this project's algorithm)";
        }
        return options.interferenceAware()
                ? "deep-edge ablation: SLOs checked at the current rate, no load forecast"
                : "deep-edge ablation: SLOs checked without the co-location slowdown";
    }

    @Override
    public Decision decide(PlanningRequest request) {
        if (request.availableDevices().isEmpty()) {
            return new Decision.Postpone("no device available");
        }
        if (!options.loadForecast()) {
            return plan(request, PlanningRates.current(), true).decision();
        }
        // the first pass only sizes the job's window for the forecast: no reasons needed
        Attempt first = plan(request, PlanningRates.current(), false);
        double windowSec = Double.isFinite(first.totalSec()) ? first.totalSec() : fallbackWindowSec(request);
        return plan(request, PlanningRates.forecastPeak(request, windowSec), true).decision();
    }

    private record Attempt(Decision decision, double totalSec) {
    }

    private Attempt plan(PlanningRequest request, ToDoubleFunction<ServiceLoad> rate, boolean explain) {
        Candidates candidates = Candidates.of(request, rate, options, explain);
        if (candidates.ranked().isEmpty()) {
            return postpone("no eligible device", candidates.rejections());
        }
        TrainingJob job = request.job();
        Choice choice = choose(candidates.ranked(), job, request.serverLink());
        List<Candidate> ranked = choice.order();
        PrefixSearch.Best best = choice.best();
        if (best.size() == 0) {
            return postpone("the eligible devices' batch caps cannot hold the job's samples", candidates.rejections());
        }
        if (!explain) {
            return new Attempt(null, best.totalSec());
        }
        List<Candidate> chosen = ranked.subList(0, best.size());
        java.util.Set<String> chosenNames = new java.util.HashSet<>();
        chosen.forEach(c -> chosenNames.add(c.name()));
        double[] shares = EqualFinishSplit.shares(chosen, job);
        Plan plan = shares == null ? null : EqualFinishSplit.toPlan(chosen, shares, job.samples());
        if (plan == null) {
            return postpone("integer shares cannot respect the batch caps", candidates.rejections());
        }
        List<Decision.Rejection> rejections = new ArrayList<>(candidates.rejections());
        String bestSet = " of " + candidates.ranked().size() + " by throughput (the best set has " + best.size()
                + " devices: " + String.format(Locale.ROOT, "%.1f", best.totalSec()) + " s)";
        int rank = 0;
        for (Candidate c : candidates.ranked()) {
            rank++;
            if (!chosenNames.contains(c.name())) {
                rejections.add(new Decision.Rejection(c.name(), "not-selected:rank " + rank + bestSet));
            }
        }
        return new Attempt(new Decision.Assign(plan, rejections), best.totalSec());
    }

    /** The ranking whose best prefix is faster, and that prefix. */
    record Choice(List<Candidate> order, PrefixSearch.Best best) {
    }

    /**
     * The best prefix over several candidate orders: by throughput and by capped contribution, each also
     * restricted to the devices whose link is at least as fast as a threshold (synchronisation is paced by
     * the slowest link, so a fast device on a slow link can cost more than it brings). Thresholds are the
     * distinct link bandwidths, thinned to a few quantiles on large clusters to keep planning near-linear.
     */
    static Choice choose(List<Candidate> byRate, TrainingJob job, io.deepedge.models.Link serverLink) {
        List<List<Candidate>> orders = new ArrayList<>();
        for (double threshold : bandwidthThresholds(byRate)) {
            List<Candidate> fastLinks = byRate.stream().filter(c -> c.link().bandwidthMbps() >= threshold).toList();
            orders.add(fastLinks);
            List<Candidate> byContribution = Rankings.byCappedContribution(fastLinks, job);
            if (!byContribution.equals(fastLinks)) {
                orders.add(byContribution);
            }
        }
        return BoundedSearch.best(orders, job, serverLink);
    }

    private static List<Double> bandwidthThresholds(List<Candidate> devices) {
        List<Double> distinct = devices.stream().map(c -> c.link().bandwidthMbps()).distinct().sorted().toList();
        int most = devices.size() <= 2000 ? 8 : 2;
        if (distinct.size() <= most) {
            return distinct;
        }
        List<Double> thinned = new ArrayList<>();
        for (int i = 0; i < most; i++) {
            thinned.add(distinct.get((int) ((long) i * (distinct.size() - 1) / (most - 1))));
        }
        return thinned.stream().distinct().toList();
    }

    private static Attempt postpone(String why, List<Decision.Rejection> rejections) {
        String first = rejections.stream().limit(3).map(r -> r.device() + " " + r.reason()).toList().toString();
        return new Attempt(new Decision.Postpone(why + " " + first), Double.POSITIVE_INFINITY);
    }

    /** Without a feasible plan at current rates, the window is the job on every available device. */
    private static double fallbackWindowSec(PlanningRequest request) {
        double rate = request.availableDevices().stream().mapToDouble(d -> d.trainSamplesPerSec()).sum();
        return request.job().totalSamples() / rate;
    }
}
