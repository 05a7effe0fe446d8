package io.deepedge.models.forecast;

import io.deepedge.models.Checks;

/**
 * How load is monitored and forecast: the monitoring interval, the forecaster and its parameters, and
 * the band around the forecast outside which a monitored rate triggers re-planning.
 *
 * @param intervalSec monitoring interval
 * @param method {@code last-value}, {@code ewma} or {@code holt-winters}
 * @param alpha level smoothing (EWMA and Holt-Winters)
 * @param beta trend smoothing (Holt-Winters)
 * @param gamma season smoothing (Holt-Winters)
 * @param seasonIntervals season length in intervals (Holt-Winters)
 * @param bandFraction relative half-width of the forecast band, e.g. 0.25 for +-25 %
 */
public record ForecastSpec(double intervalSec, String method, double alpha, double beta, double gamma,
                           int seasonIntervals, double bandFraction) {
    public static final ForecastSpec DEFAULT = new ForecastSpec(60, "holt-winters", 0.5, 0.1, 0.3, 24, 0.25);

    public ForecastSpec {
        Checks.positive("intervalSec", intervalSec);
        Checks.positive("seasonIntervals", seasonIntervals);
        Checks.nonNegative("bandFraction", bandFraction);
        forecaster(method, alpha, beta, gamma, seasonIntervals);
    }

    public Forecaster toForecaster() {
        return forecaster(method, alpha, beta, gamma, seasonIntervals);
    }

    private static Forecaster forecaster(String method, double alpha, double beta, double gamma, int seasonIntervals) {
        return switch (String.valueOf(method)) {
            case "last-value" -> Forecaster.lastValue();
            case "ewma" -> Forecaster.ewma(alpha);
            case "holt-winters" -> Forecaster.holtWinters(alpha, beta, gamma, seasonIntervals);
            default -> throw new IllegalArgumentException("unknown forecaster (" + method
                    + "), expected last-value, ewma or holt-winters");
        };
    }
}
