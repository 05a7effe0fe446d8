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
 * devices ranked by effective throughput; the prefix with the shortest predicted re-training time; shares
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
        PrefixSearch.Best best = PrefixSearch.search(candidates.ranked(), job, request.serverLink());
        if (best.size() == 0) {
            return postpone("the eligible devices' batch caps cannot hold the job's samples", candidates.rejections());
        }
        if (!explain) {
            return new Attempt(null, best.totalSec());
        }
        List<Candidate> chosen = candidates.ranked().subList(0, best.size());
        double[] shares = EqualFinishSplit.shares(chosen, job);
        Plan plan = shares == null ? null : EqualFinishSplit.toPlan(chosen, shares, job.samples());
        if (plan == null) {
            return postpone("integer shares cannot respect the batch caps", candidates.rejections());
        }
        List<Decision.Rejection> rejections = new ArrayList<>(candidates.rejections());
        List<Candidate> ranked = candidates.ranked();
        String bestSet = " of " + ranked.size() + " (the " + best.size() + " fastest are best: "
                + String.format(Locale.ROOT, "%.1f", best.totalSec()) + " s)";
        for (int k = best.size(); k < ranked.size(); k++) {
            rejections.add(new Decision.Rejection(ranked.get(k).name(), "not-selected:rank " + (k + 1) + bestSet));
        }
        return new Attempt(new Decision.Assign(plan, rejections), best.totalSec());
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
