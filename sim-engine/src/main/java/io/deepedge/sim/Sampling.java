package io.deepedge.sim;

import io.deepedge.models.Arrivals;
import io.deepedge.models.ServiceTime;
import umontreal.ssj.probdist.NormalDist;
import umontreal.ssj.rng.RandomStream;

/**
 * Inversion samplers: one uniform per draw, so common random numbers stay aligned across policies.
 */
final class Sampling {
    private Sampling() {
    }

    static double serviceSec(ServiceTime serviceTime, RandomStream stream) {
        double u = stream.nextDouble();
        double ms;
        if (serviceTime instanceof ServiceTime.Exponential e) {
            ms = -e.meanMs() * Math.log1p(-u);
        } else if (serviceTime instanceof ServiceTime.Constant c) {
            ms = c.ms();
        } else if (serviceTime instanceof ServiceTime.Lognormal l) {
            ms = Math.exp(l.mu() + l.sigma() * NormalDist.inverseF01(u));
        } else {
            throw new IllegalArgumentException("unsupported service time " + serviceTime);
        }
        return ms / 1000.0;
    }

    /** Delay from {@code nowSec} to the next arrival; infinite when no arrival ever comes. */
    static double interarrivalSec(Arrivals arrivals, RandomStream stream, double nowSec) {
        double exp = -Math.log1p(-stream.nextDouble());
        if (arrivals instanceof Arrivals.Poisson p) {
            return exp / p.ratePerSec();
        }
        if (arrivals instanceof Arrivals.Steps s) {
            return stepsDelay(s.steps(), exp, nowSec);
        }
        throw new IllegalArgumentException("unsupported arrivals " + arrivals);
    }

    /** Index of the step in force at {@code timeSec}: binary search, long traces have thousands of steps. */
    private static int currentStep(java.util.List<Arrivals.Step> steps, double timeSec) {
        int lo = 0;
        int hi = steps.size() - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (steps.get(mid).atSec() <= timeSec) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    /**
     * Inversion of the cumulative intensity of a piecewise-constant rate: the next arrival is where the
     * integrated rate since {@code nowSec} reaches a unit exponential draw {@code exp}.
     */
    private static double stepsDelay(java.util.List<Arrivals.Step> steps, double exp, double nowSec) {
        double t = nowSec;
        for (int i = currentStep(steps, nowSec); i < steps.size(); i++) {
            double end = i + 1 < steps.size() ? steps.get(i + 1).atSec() : Double.POSITIVE_INFINITY;
            if (end <= t) {
                continue;
            }
            double rate = steps.get(i).ratePerSec();
            if (rate > 0 && rate * (end - t) >= exp) {
                return t + exp / rate - nowSec;
            }
            exp -= rate * (end - t);
            t = end;
        }
        return Double.POSITIVE_INFINITY;
    }
}
