package io.deepedge.sim;

import java.util.HashMap;
import java.util.Map;

/**
 * An independent replay of a CFS budget for the tests: one thread's CPU work, run by the test in the order the
 * simulator should run it, under {@code budgetSec} per period of {@code periodSec}, periods from 0.
 */
final class BudgetReplay {
    private final double budgetSec;
    private final double periodSec;
    private final Map<Long, Double> usedInPeriod = new HashMap<>();
    int refillsWaited;
    /** The periods at whose end work waited for the refill: the kernel's throttled periods. */
    final java.util.Set<Long> throttledPeriods = new java.util.TreeSet<>();

    BudgetReplay(double budgetSec, double periodSec) {
        this.budgetSec = budgetSec;
        this.periodSec = periodSec;
    }

    /** CPU seconds used in period {@code k} ({@code [k x period, (k + 1) x period)}). */
    double usedInPeriod(long k) {
        return usedInPeriod.getOrDefault(k, 0.0);
    }

    /** Runs {@code cpuSec} from {@code t}; returns when it ends. */
    double run(double t, double cpuSec) {
        double remaining = cpuSec;
        while (remaining > 1e-12) {
            long k = (long) Math.floor(t / periodSec + 1e-9);
            double available = budgetSec - usedInPeriod.getOrDefault(k, 0.0);
            double periodEnd = (k + 1) * periodSec;
            if (available <= 1e-12) {
                t = periodEnd;
                refillsWaited++;
                throttledPeriods.add(k);
                continue;
            }
            double ran = Math.min(remaining, Math.min(available, periodEnd - t));
            usedInPeriod.merge(k, ran, Double::sum);
            remaining -= ran;
            t += ran;
        }
        return t;
    }
}
