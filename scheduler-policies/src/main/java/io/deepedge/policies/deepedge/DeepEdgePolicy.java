package io.deepedge.policies.deepedge;

import io.deepedge.models.Plan;
import io.deepedge.models.TrainingJob;
import io.deepedge.policies.Decision;
import io.deepedge.policies.PlanningRequest;
import io.deepedge.policies.SchedulingPolicy;
import io.deepedge.policies.ServiceLoad;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * Deep-Edge: screen, rank, best set, split. Per device the largest local batch that keeps every co-located SLO
 * and fits memory ({@link Screen}); eligible devices ranked by effective throughput (and, when batch caps bind,
 * also by capped contribution, see {@link Rankings}); the device set with the smallest expected re-training
 * time ({@link ExpectedTime}) among prefixes of the rankings and single devices, found by {@link BoundedSearch};
 * shares by equal-finish water-filling within the batch caps, made integers. Load-aware: SLOs are checked at
 * the forecast peak rate over the chosen plan's own predicted window ({@link OwnWindow}).
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
        Passes passes = new Passes(request, new Screen(request, options));
        if (!options.loadForecast()) {
            return passes.decision(passes.at(PlanningRates.current(), true));
        }
        // passes before the kept one only size the window: no reasons spelled out
        Attempt first = passes.at(PlanningRates.current(), false);
        double startSec = Double.isFinite(first.totalSec()) ? first.totalSec() : fallbackWindowSec(request);
        PlanningRates.Peaks peaks = new PlanningRates.Peaks(request);
        return OwnWindow.find(startSec, w -> passes.at(peaks.over(w), false), Attempt::totalSec)
                .map(passes::decision)
                .orElseGet(() -> new Decision.Postpone(OwnWindow.NO_FIXED_POINT));
    }

    /** Screen and best set at one set of planning rates. */
    private record Attempt(ToDoubleFunction<ServiceLoad> rates, Candidates candidates, Choice choice) {
        double totalSec() {
            return choice.best().totalSec();
        }
    }

    /**
     * One decision's passes. Later passes are cheap where nothing moved: the {@link Screen} re-assesses only the
     * devices whose services' planning rates changed, and the set search is skipped when the ranking is the
     * same as the last pass's.
     */
    private static final class Passes {
        private final PlanningRequest request;
        private final Screen screen;
        private Attempt last;

        Passes(PlanningRequest request, Screen screen) {
            this.request = request;
            this.screen = screen;
        }

        Attempt at(ToDoubleFunction<ServiceLoad> rates, boolean explain) {
            Candidates candidates = screen.at(rates, explain);
            Choice choice = last != null && last.candidates().ranked().equals(candidates.ranked()) ? last.choice()
                    : choose(candidates.ranked(), request.job(), request.serverLink());
            last = new Attempt(rates, candidates, choice);
            return last;
        }

        /** The kept attempt as a decision: its rejections spelled out (at its own rates), its set split. */
        Decision decision(Attempt kept) {
            Candidates candidates = screen.at(kept.rates(), true);
            if (candidates.ranked().isEmpty()) {
                return postpone("no eligible device", candidates.rejections());
            }
            TrainingJob job = request.job();
            PrefixSearch.Best best = kept.choice().best();
            if (best.size() == 0) {
                return postpone("the eligible devices' batch caps cannot hold the job's samples",
                        candidates.rejections());
            }
            List<Candidate> chosen = kept.choice().order().subList(0, best.size());
            double[] shares = EqualFinishSplit.shares(chosen, job);
            Plan plan = shares == null ? null : EqualFinishSplit.toPlan(chosen, shares, job.samples());
            if (plan == null) {
                return postpone("integer shares cannot respect the batch caps", candidates.rejections());
            }
            return new Decision.Assign(plan, withUnselected(candidates, chosen, best));
        }
    }

    /** The screen's rejections, then every eligible device left out of the chosen set with its rank. */
    private static List<Decision.Rejection> withUnselected(Candidates candidates, List<Candidate> chosen,
                                                           PrefixSearch.Best best) {
        Set<String> chosenNames = new HashSet<>();
        chosen.forEach(c -> chosenNames.add(c.name()));
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
        return rejections;
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

    private static Decision postpone(String why, List<Decision.Rejection> rejections) {
        String first = rejections.stream().limit(3).map(r -> r.device() + " " + r.reason()).toList().toString();
        return new Decision.Postpone(why + " " + first);
    }

    /** Without a feasible plan at current rates, the window is the job on every available device. */
    private static double fallbackWindowSec(PlanningRequest request) {
        double rate = request.availableDevices().stream().mapToDouble(d -> d.trainSamplesPerSec()).sum();
        return request.job().totalSamples() / rate;
    }
}
