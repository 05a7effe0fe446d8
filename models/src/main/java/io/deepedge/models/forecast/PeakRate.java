package io.deepedge.models.forecast;

import java.util.function.DoubleUnaryOperator;
import java.util.function.IntToDoubleFunction;

/**
 * The arrival rate an SLO is checked at over a window (Barista-style): the larger of the current rate and
 * the forecast peak over the window's monitoring intervals. Policies check a plan's SLOs with it, and the
 * load monitor checks the running plan's SLOs with it over the rest of the job, so both judge by one rule.
 */
public final class PeakRate {
    /** Longest window in intervals a peak is forecast over (a guard against absurd windows, about 70 days at 60 s). */
    static final int MAX_HORIZON_INTERVALS = 100_000;

    private PeakRate() {
    }

    /**
     * @param history monitored rates of past intervals, oldest first (may be empty: then the current rate)
     * @param windowSec the window ahead, from now
     */
    public static double over(Forecaster forecaster, double[] history, double currentRatePerSec, double windowSec,
                              double intervalSec) {
        return overWindows(forecaster, history, currentRatePerSec, intervalSec).applyAsDouble(windowSec);
    }

    /**
     * {@link #over} as a function of the window, the forecaster's fit made once ({@link Forecaster#peaks}): for
     * callers that try several windows.
     */
    public static DoubleUnaryOperator overWindows(Forecaster forecaster, double[] history, double currentRatePerSec,
                                                  double intervalSec) {
        if (history.length == 0) {
            return windowSec -> currentRatePerSec;
        }
        IntToDoubleFunction peaks = forecaster.peaks(history);
        return windowSec -> {
            int horizon = (int) Math.max(1, Math.min(MAX_HORIZON_INTERVALS, Math.ceil(windowSec / intervalSec)));
            double peak = peaks.applyAsDouble(horizon);
            return Double.isNaN(peak) ? currentRatePerSec : Math.max(currentRatePerSec, peak);
        };
    }
}
