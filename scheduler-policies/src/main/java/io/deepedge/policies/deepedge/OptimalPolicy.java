package io.deepedge.policies.deepedge;

import io.deepedge.models.Link;
import io.deepedge.models.RetrainTime;
import io.deepedge.models.Plan;
import io.deepedge.models.TrainingJob;
import io.deepedge.policies.Decision;
import io.deepedge.policies.PlanningRequest;
import io.deepedge.policies.SchedulingPolicy;
import io.deepedge.policies.ServiceLoad;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.function.ToDoubleFunction;

/**
 * The exhaustive reference: every non-empty subset of the eligible devices (same eligibility, caps, split
 * and cost model as Deep-Edge), the subset with the smallest expected re-training time
 * ({@link ExpectedTime}) kept. The expected time is evaluated only for subsets whose lower bound
 * ({@link RetrainTime#lowerBoundSec}) is below the best expected time found so far, which leaves the
 * result that of evaluating every subset. Load-aware like Deep-Edge: SLOs are checked at the forecast peak
 * over the chosen subset's own predicted window ({@link OwnWindow}). Up to {@value #MAX_DEVICES} eligible
 * devices.
 */
public final class OptimalPolicy implements SchedulingPolicy {
    public static final int MAX_DEVICES = 20;
    private static final int FIRST_EVALUATIONS = 8;

    @Override
    public String id() {
        return "optimal";
    }

    @Override
    public String description() {
        return "exhaustive search over device subsets with Deep-Edge's models (reference; at most " + MAX_DEVICES
                + " eligible devices)";
    }

    @Override
    public Decision decide(PlanningRequest request) {
        if (request.availableDevices().isEmpty()) {
            return new Decision.Postpone("no device available");
        }
        Screen screen = new Screen(request, Options.FULL);
        Candidates all = screen.at(PlanningRates.current(), false);
        double startSec = bestSubset(all.ranked(), request).totalSec();
        if (!Double.isFinite(startSec)) {
            return all.ranked().isEmpty() ? new Decision.Postpone("no eligible device")
                    : new Decision.Postpone("no subset's batch caps can hold the job's samples");
        }
        PlanningRates.Peaks peaks = new PlanningRates.Peaks(request);
        Optional<Attempt> kept = OwnWindow.find(startSec, w -> {
            ToDoubleFunction<ServiceLoad> rates = peaks.over(w);
            Candidates candidates = screen.at(rates, false);
            return new Attempt(rates, candidates, bestSubset(candidates.ranked(), request));
        }, a -> a.best().totalSec());
        if (kept.isEmpty()) {
            return new Decision.Postpone(OwnWindow.NO_FIXED_POINT);
        }
        // the kept pass's rates: the same candidates, with the rejections spelled out
        Candidates candidates = screen.at(kept.get().rates(), true);
        List<Candidate> eligible = candidates.ranked();
        if (eligible.isEmpty()) {
            return new Decision.Postpone("no eligible device");
        }
        Subset best = kept.get().best();
        if (best.mask() == 0) {
            return new Decision.Postpone("no subset's batch caps can hold the job's samples");
        }
        List<Candidate> chosen = new ArrayList<>();
        List<Decision.Rejection> rejections = new ArrayList<>(candidates.rejections());
        for (int i = 0; i < eligible.size(); i++) {
            if ((best.mask() & (1L << i)) != 0) {
                chosen.add(eligible.get(i));
            } else {
                rejections.add(new Decision.Rejection(eligible.get(i).name(), String.format(Locale.ROOT,
                        "not-selected:the fastest subset (%.1f s) leaves it out", best.totalSec())));
            }
        }
        double[] shares = EqualFinishSplit.shares(chosen, request.job());
        Plan plan = shares == null ? null : EqualFinishSplit.toPlan(chosen, shares, request.job().samples());
        return plan == null ? new Decision.Postpone("integer shares cannot respect the batch caps")
                : new Decision.Assign(plan, rejections);
    }

    /** One pass: the planning rates, the screen at them and the best subset of its candidates. */
    private record Attempt(ToDoubleFunction<ServiceLoad> rates, Candidates candidates, Subset best) {
    }

    /** The subset (bit i = eligible.get(i)) with the smallest predicted time; mask 0 when none is feasible. */
    record Subset(long mask, double totalSec) {
    }

    static Subset bestSubset(List<Candidate> eligible, PlanningRequest request) {
        int n = eligible.size();
        if (n > MAX_DEVICES) {
            throw new IllegalArgumentException("optimal searches every device subset and accepts at most "
                    + MAX_DEVICES + " eligible devices (" + n + ")");
        }
        TrainingJob job = request.job();
        Link ps = request.serverLink();
        double[] rate = new double[n];
        double[] cap = new double[n];
        double[] beta = new double[n];
        for (int i = 0; i < n; i++) {
            rate[i] = eligible.get(i).boundRate();
            cap[i] = eligible.get(i).capSamples();
            beta[i] = cap[i] >= job.samples() ? Double.POSITIVE_INFINITY : cap[i] / rate[i];
        }
        Integer[] byBeta = new Integer[n];
        Arrays.setAll(byBeta, i -> i);
        Arrays.sort(byBeta, Comparator.comparingDouble((Integer i) -> beta[i]).thenComparingInt(i -> i));
        double[] bound = new double[1 << n];
        PriorityQueue<Long> smallest = new PriorityQueue<>(
                Comparator.comparingDouble((Long m) -> bound[(int) (long) m]).reversed());
        for (int mask = 1; mask < bound.length; mask++) {
            bound[mask] = subsetSec(mask, eligible, rate, cap, beta, byBeta, job, ps);
            if (Double.isFinite(bound[mask])) {
                smallest.add((long) mask);
                if (smallest.size() > FIRST_EVALUATIONS) {
                    smallest.poll();
                }
            }
        }
        // a good incumbent first, so the sweep evaluates few subsets; the sweep alone decides the result
        Subset best = new Subset(0, Double.POSITIVE_INFINITY);
        for (long mask : smallest) {
            best = better(best, mask, eligible, job, ps);
        }
        for (int mask = 1; mask < bound.length; mask++) {
            if (bound[mask] <= best.totalSec()) {
                best = better(best, mask, eligible, job, ps);
            }
        }
        return best;
    }

    /** Ties go to the smaller mask, so the result does not depend on the evaluation order. */
    private static Subset better(Subset best, long mask, List<Candidate> eligible, TrainingJob job, Link ps) {
        List<Candidate> set = new ArrayList<>();
        for (int i = 0; i < eligible.size(); i++) {
            if ((mask & (1L << i)) != 0) {
                set.add(eligible.get(i));
            }
        }
        double sec = ExpectedTime.of(set, job, ps);
        boolean wins = sec < best.totalSec() || sec == best.totalSec() && mask < best.mask();
        return wins && Double.isFinite(sec) ? new Subset(mask, sec) : best;
    }

    private static double subsetSec(long mask, List<Candidate> eligible, double[] rate, double[] cap, double[] beta,
                                    Integer[] byBeta, TrainingJob job, Link ps) {
        double freeRate = 0;
        double minBytesPerSec = Double.POSITIVE_INFINITY;
        double maxLatencySec = 0;
        double sumBytesPerSec = 0;
        int size = 0;
        for (int i = 0; i < rate.length; i++) {
            if ((mask & (1L << i)) != 0) {
                freeRate += rate[i];
                Link link = eligible.get(i).link();
                minBytesPerSec = Math.min(minBytesPerSec, link.bytesPerSec());
                maxLatencySec = Math.max(maxLatencySec, link.latencySec());
                sumBytesPerSec += link.bytesPerSec();
                size++;
            }
        }
        double capped = 0;
        int uncapped = size;
        for (int i : byBeta) {
            if ((mask & (1L << i)) != 0 && uncapped > 0 && beta[i] <= (job.samples() - capped) / freeRate) {
                capped += cap[i];
                freeRate -= rate[i];
                uncapped--;
            }
        }
        // every device capped: the rate left is 0, whatever rounding residue the subtractions leave
        freeRate = uncapped == 0 ? 0 : freeRate;
        if (freeRate <= 0 && capped < job.samples()) {
            return Double.POSITIVE_INFINITY;
        }
        double tau = freeRate <= 0 ? maxBeta(mask, beta) : (job.samples() - capped) / freeRate;
        return RetrainTime.lowerBoundSec(job, ps, tau, size, minBytesPerSec, maxLatencySec,
                RetrainTime.shardLowerBoundSec(job, sumBytesPerSec));
    }

    private static double maxBeta(long mask, double[] beta) {
        double max = 0;
        for (int i = 0; i < beta.length; i++) {
            if ((mask & (1L << i)) != 0) {
                max = Math.max(max, beta[i]);
            }
        }
        return max;
    }
}
