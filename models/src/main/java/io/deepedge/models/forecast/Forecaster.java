package io.deepedge.models.forecast;

import java.util.function.IntToDoubleFunction;

/**
 * Forecasts the next intervals of a rate series from its history (oldest first, one value per
 * monitoring interval). Implementations are stateless: the same history gives the same forecast.
 */
public interface Forecaster {
    /** Config key, e.g. {@code holt-winters}. */
    String id();

    /**
     * Forecasts of the next {@code horizon} intervals.
     *
     * @param history observed rates, oldest first; may be empty (then the forecast is empty)
     * @param horizon number of future intervals, >= 1
     */
    double[] forecast(double[] history, int horizon);

    /**
     * The largest forecast over the next {@code horizon} intervals, never below 0; NaN without history.
     * Implementations override it when the peak has a cheaper form than the whole forecast.
     */
    default double peak(double[] history, int horizon) {
        if (history.length == 0) {
            return Double.NaN;
        }
        double max = 0;
        for (double v : forecast(history, Math.max(1, horizon))) {
            max = Math.max(max, v);
        }
        return max;
    }

    /**
     * {@link #peak} for one history as a function of the horizon: a forecaster that fits a model fits it once,
     * so a caller that tries several windows pays one fit. The same values as {@code peak(history, horizon)}.
     */
    default IntToDoubleFunction peaks(double[] history) {
        double[] own = history.clone();
        return horizon -> peak(own, horizon);
    }

    /** Last observed value, repeated. */
    static Forecaster lastValue() {
        return new LastValue();
    }

    /** Exponentially weighted moving average with weight {@code alpha} on the newest value. */
    static Forecaster ewma(double alpha) {
        return new Ewma(alpha);
    }

    /** Additive Holt-Winters with a season of {@code seasonLength} intervals and an undamped trend. */
    static Forecaster holtWinters(double alpha, double beta, double gamma, int seasonLength) {
        return new HoltWinters(alpha, beta, gamma, seasonLength, 1);
    }

    /**
     * Additive Holt-Winters with a season of {@code seasonLength} intervals and a trend damped by {@code damping}
     * per interval ahead (1 = undamped); see the implementation for the short-history rules.
     */
    static Forecaster holtWinters(double alpha, double beta, double gamma, int seasonLength, double damping) {
        return new HoltWinters(alpha, beta, gamma, seasonLength, damping);
    }
}
