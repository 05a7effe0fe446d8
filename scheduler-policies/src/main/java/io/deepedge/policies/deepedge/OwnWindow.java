package io.deepedge.policies.deepedge;

import java.util.Optional;
import java.util.function.DoubleUnaryOperator;

/**
 * The window a load-aware plan's SLOs are checked over: the plan's own predicted duration. Checking at the
 * forecast peak over a window excludes devices, which makes the plan slower and its window longer, so the
 * window is iterated: start from the fastest plan's duration (no plan is shorter), plan at the peak over the
 * window, and while the plan takes longer than the window, move the window to its duration (5 % more, so a
 * slowly creeping sequence ends in a few passes). Longer windows only raise forecast peaks, so durations grow
 * with the window and the first window that holds its plan is kept: that plan's SLOs hold over its whole
 * predicted run (and up to 5 % beyond). No feasible plan at some window means none is feasible over its own
 * window (any plan's window is at least this one); after {@value #MAX_PASSES} passes the search gives up.
 */
final class OwnWindow {
    static final int MAX_PASSES = 20;
    static final double SLACK = 1.05;
    static final String NO_FIXED_POINT = "no plan keeps every SLO over its own predicted window: the forecast load"
            + " grows faster than any plan finishes";

    private OwnWindow() {
    }

    /**
     * @param startSec the shortest any plan takes (a lower bound of the window)
     * @param durationAt the predicted duration of the plan made with SLOs checked over a window (infinite when
     *        no plan is feasible)
     * @return the window to plan with: its plan finishes within it, or no plan is feasible at it (the policy
     *         then postpones with the reasons); empty when {@value #MAX_PASSES} passes found neither
     */
    static Optional<Double> find(double startSec, DoubleUnaryOperator durationAt) {
        double windowSec = startSec;
        for (int pass = 0; pass < MAX_PASSES; pass++) {
            double durationSec = durationAt.applyAsDouble(windowSec);
            if (!Double.isFinite(durationSec) || durationSec <= windowSec) {
                return Optional.of(windowSec);
            }
            windowSec = durationSec * SLACK;
        }
        return Optional.empty();
    }
}
