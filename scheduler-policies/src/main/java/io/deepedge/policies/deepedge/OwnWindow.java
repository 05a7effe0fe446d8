package io.deepedge.policies.deepedge;

import java.util.Optional;
import java.util.function.DoubleFunction;
import java.util.function.DoubleUnaryOperator;
import java.util.function.ToDoubleFunction;

/**
 * The window a load-aware plan's SLOs are checked over: the plan's own predicted duration. Checking at the
 * forecast peak over a window excludes devices, which makes the plan slower and its window longer, so the
 * window is iterated. Every window tried is 5 % more than a duration (so a slowly creeping sequence ends in a
 * few passes): first the fastest plan's at the current rates (no plan is shorter; the 5 % also covers the
 * common case of a plan at the peak rates a little slower than that one, which then needs no second pass),
 * then, while the plan made at the window takes longer than the window, that plan's. Longer windows only raise
 * forecast peaks, so durations grow with the window and the first window that holds its plan is kept: that
 * plan's SLOs hold over its whole predicted run (and up to 5 % beyond). No feasible plan at some window means
 * none is feasible over its own window (any plan's window is at least this one); after {@value #MAX_PASSES}
 * passes the search gives up. The policies make the passes after the first cheap ({@link Screen}, one forecast
 * fit per load): a pass re-assesses only the devices whose forecast peak moved with the window.
 */
final class OwnWindow {
    static final int MAX_PASSES = 20;
    static final double SLACK = 1.05;
    static final String NO_FIXED_POINT = "no plan keeps every SLO over its own predicted window: the forecast load"
            + " grows faster than any plan finishes";

    private OwnWindow() {
    }

    /**
     * @param startSec the shortest any plan takes (the first window is {@link #SLACK} times this)
     * @param planAt the plan made with SLOs checked over a window
     * @param durationSec a plan's predicted duration (infinite when no plan is feasible)
     * @return the plan made at the kept window: it finishes within the window, or no plan is feasible at it (the
     *         policy then postpones with the reasons); empty when {@value #MAX_PASSES} passes found neither
     */
    static <P> Optional<P> find(double startSec, DoubleFunction<P> planAt, ToDoubleFunction<P> durationSec) {
        double windowSec = startSec * SLACK;
        for (int pass = 0; pass < MAX_PASSES; pass++) {
            P plan = planAt.apply(windowSec);
            double planSec = durationSec.applyAsDouble(plan);
            if (!Double.isFinite(planSec) || planSec <= windowSec) {
                return Optional.of(plan);
            }
            windowSec = planSec * SLACK;
        }
        return Optional.empty();
    }

    /** The kept window itself, for a search that only reports durations ({@link #find(double, DoubleFunction, ToDoubleFunction)}). */
    static Optional<Double> find(double startSec, DoubleUnaryOperator durationAt) {
        record Pass(double windowSec, double durationSec) {
        }
        return find(startSec, w -> new Pass(w, durationAt.applyAsDouble(w)), Pass::durationSec).map(Pass::windowSec);
    }
}
