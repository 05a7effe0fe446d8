package io.deepedge.models.forecast;

import io.deepedge.models.Checks;

/**
 * How load is monitored and forecast: the monitoring interval, the forecaster and its parameters, and
 * what makes a monitored rate call for re-planning.
 *
 * @param intervalSec monitoring interval
 * @param method {@code last-value}, {@code ewma} or {@code holt-winters}
 * @param alpha level smoothing (EWMA and Holt-Winters)
 * @param beta trend smoothing (Holt-Winters)
 * @param gamma season smoothing (Holt-Winters)
 * @param seasonIntervals season length in intervals (Holt-Winters)
 * @param bandFraction relative change of a monitored rate below which it never triggers re-planning, e.g. 0.25
 * @param damping trend damping per interval ahead, in (0, 1]; 1 extrapolates the trend undamped (Holt-Winters)
 * @param falseAlarmProbability the chance per monitoring interval that loads which did not change trigger a
 *        re-plan anywhere in the cluster, all monitored instances together, in (0, 1)
 */
public record ForecastSpec(double intervalSec, String method, double alpha, double beta, double gamma,
                           int seasonIntervals, double bandFraction, double damping, double falseAlarmProbability) {
    public static final double DEFAULT_DAMPING = 1.0;
    public static final double DEFAULT_FALSE_ALARM_PROBABILITY = 0.001;
    public static final ForecastSpec DEFAULT = new ForecastSpec(60, "holt-winters", 0.5, 0.1, 0.3, 24, 0.25);

    public ForecastSpec {
        Checks.positive("intervalSec", intervalSec);
        Checks.positive("seasonIntervals", seasonIntervals);
        Checks.nonNegative("bandFraction", bandFraction);
        if (!(damping > 0 && damping <= 1)) {
            throw new IllegalArgumentException("damping must be in (0, 1] (" + damping + ")");
        }
        if (!(falseAlarmProbability > 0 && falseAlarmProbability < 1)) {
            throw new IllegalArgumentException("falseAlarmProbability must be in (0, 1) (" + falseAlarmProbability + ")");
        }
        forecaster(method, alpha, beta, gamma, seasonIntervals, damping);
    }

    /** A spec with the default damping and false-alarm probability. */
    public ForecastSpec(double intervalSec, String method, double alpha, double beta, double gamma,
                        int seasonIntervals, double bandFraction) {
        this(intervalSec, method, alpha, beta, gamma, seasonIntervals, bandFraction, DEFAULT_DAMPING,
                DEFAULT_FALSE_ALARM_PROBABILITY);
    }

    public Forecaster toForecaster() {
        return forecaster(method, alpha, beta, gamma, seasonIntervals, damping);
    }

    private static Forecaster forecaster(String method, double alpha, double beta, double gamma, int seasonIntervals,
                                         double damping) {
        return switch (String.valueOf(method)) {
            case "last-value" -> Forecaster.lastValue();
            case "ewma" -> Forecaster.ewma(alpha);
            case "holt-winters" -> Forecaster.holtWinters(alpha, beta, gamma, seasonIntervals, damping);
            default -> throw new IllegalArgumentException("unknown forecaster (" + method
                    + "), expected last-value, ewma or holt-winters");
        };
    }
}
