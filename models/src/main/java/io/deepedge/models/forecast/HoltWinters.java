package io.deepedge.models.forecast;

import java.util.Map;
import java.util.function.IntToDoubleFunction;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Additive Holt-Winters (level, damped trend, season), made robust to short, noisy histories.
 *
 * <p>Fitting: with at least two seasons of history, level, trend and season start from the first two seasons
 * (level: mean of the first season; trend: mean per-interval change between the first two; season: the first
 * season's deviations from the trend line). With less, there is no season: below {@value #MIN_TREND_INTERVALS}
 * intervals the forecast is the exponentially smoothed level (no trend), from {@value #MIN_TREND_INTERVALS} on
 * Holt's method starts from the least-squares line through the first {@value #MIN_TREND_INTERVALS} values
 * (a trend read from two noisy intervals is mostly noise). Smoothing uses Gardner's damped trend.
 *
 * <p>Forecasting, {@code h} intervals ahead: {@code level + (phi + ... + phi^h) trend + season}, where the trend is
 * trusted only beyond its own noise: it is shrunk towards 0 by {@value #TREND_TRUST_Z} standard errors (the
 * standard error is exact for the smoother's linear weights and the noise level estimated from the history's
 * first differences). So a flat load with Poisson noise forecasts flat, and a ramp well above its noise is
 * extrapolated. Forecasts are never below the smallest value of the last season (the last
 * {@value #MIN_TREND_INTERVALS} values without a season): a falling trend does not forecast a load lower
 * than any recently seen.
 */
final class HoltWinters implements Forecaster {
    static final int MIN_TREND_INTERVALS = 6;
    static final double TREND_TRUST_Z = 1.0;

    private final double alpha;
    private final double beta;
    private final double gamma;
    private final double phi;
    private final int seasonLength;
    /**
     * Standard deviation of the fitted trend per unit of observation noise, by history length: the weights of
     * the fit depend on the length only, so they are computed once per length (a memo, not state: outputs are
     * a function of the history alone).
     */
    private final Map<Integer, Double> trendNoiseByLength = new ConcurrentHashMap<>();

    HoltWinters(double alpha, double beta, double gamma, int seasonLength, double phi) {
        for (double p : new double[] {alpha, beta, gamma}) {
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException("smoothing parameters must be in [0, 1] (" + p + ")");
            }
        }
        if (!(phi > 0 && phi <= 1)) {
            throw new IllegalArgumentException("damping must be in (0, 1] (" + phi + ")");
        }
        if (seasonLength < 1) {
            throw new IllegalArgumentException("seasonLength must be >= 1 (" + seasonLength + ")");
        }
        this.alpha = alpha;
        this.beta = beta;
        this.gamma = gamma;
        this.phi = phi;
        this.seasonLength = seasonLength;
    }

    @Override
    public String id() {
        return "holt-winters";
    }

    /** The state after the history; {@code season} has one zero slot when there is no season. */
    private record Fit(double level, double trend, double[] season, int length, double floor) {
        double at(double dampedSteps, int h) {
            return Math.max(floor, level + dampedSteps * trend + season[(length + h - 1) % season.length]);
        }
    }

    @Override
    public double[] forecast(double[] y, int horizon) {
        if (y.length == 0) {
            return new double[0];
        }
        Fit fit = trustedFit(y);
        double[] out = new double[horizon];
        for (int h = 1; h <= horizon; h++) {
            out[h - 1] = fit.at(dampedSteps(h), h);
        }
        return out;
    }

    /**
     * The damped trend's contribution grows monotonically with the horizon, so within each season slot the
     * forecast peaks at the slot's last step of the horizon (rising trend) or its first (falling trend): the
     * first and last season of the horizon hold the peak, O(season) candidates.
     */
    @Override
    public double peak(double[] y, int horizon) {
        return y.length == 0 ? Double.NaN : peak(trustedFit(y), horizon);
    }

    /** Fits once; each horizon then costs O(season). */
    @Override
    public IntToDoubleFunction peaks(double[] y) {
        if (y.length == 0) {
            return horizon -> Double.NaN;
        }
        Fit fit = trustedFit(y);
        return horizon -> peak(fit, horizon);
    }

    private double peak(Fit fit, int horizon) {
        int slots = fit.season().length;
        double max = 0;
        for (int h = 1; h <= Math.min(slots, horizon); h++) {
            max = Math.max(max, fit.at(dampedSteps(h), h));
        }
        for (int h = Math.max(1, horizon - slots + 1); h <= horizon; h++) {
            max = Math.max(max, fit.at(dampedSteps(h), h));
        }
        return max;
    }

    /** {@code phi + phi^2 + ... + phi^h}: the trend's weight h intervals ahead. */
    private double dampedSteps(int h) {
        return phi == 1 ? h : phi * (1 - Math.pow(phi, h)) / (1 - phi);
    }

    private Fit trustedFit(double[] y) {
        Fit raw = fit(y);
        if (raw.trend() == 0) {
            return raw;
        }
        double standardError = noiseSd(y) * trendNoise(y.length);
        double trusted = Math.signum(raw.trend()) * Math.max(0, Math.abs(raw.trend()) - TREND_TRUST_Z * standardError);
        return new Fit(raw.level(), trusted, raw.season(), raw.length(), raw.floor());
    }

    private boolean seasonal(int n) {
        return seasonLength >= 2 && n >= 2 * seasonLength;
    }

    /** The smoother's state after {@code y}, trend as fitted (not yet shrunk). Linear in {@code y} except the floor. */
    private Fit fit(double[] y) {
        int n = y.length;
        if (seasonal(n)) {
            return seasonalFit(y);
        }
        double floor = minOfLast(y, MIN_TREND_INTERVALS);
        if (n < MIN_TREND_INTERVALS) {
            double level = y[0];
            for (int t = 1; t < n; t++) {
                level = alpha * y[t] + (1 - alpha) * level;
            }
            return new Fit(level, 0, new double[1], n, floor);
        }
        int k = MIN_TREND_INTERVALS;
        double slope = leastSquaresSlope(y, k);
        double level = mean(y, 0, k) + slope * (k - 1) / 2.0;
        double trend = slope;
        for (int t = k; t < n; t++) {
            double previousLevel = level;
            level = alpha * y[t] + (1 - alpha) * (level + phi * trend);
            trend = beta * (level - previousLevel) + (1 - beta) * phi * trend;
        }
        return new Fit(level, trend, new double[1], n, floor);
    }

    private Fit seasonalFit(double[] y) {
        int m = seasonLength;
        double level = mean(y, 0, m);
        double trend = (mean(y, m, 2 * m) - level) / m;
        double[] season = new double[m];
        for (int i = 0; i < m; i++) {
            // deviation from the trend line through the first season's mean, so the trend is not read as season
            season[i] = y[i] - (level + trend * (i - (m - 1) / 2.0));
        }
        // the initial level describes the middle of the first season; smoothing starts after it
        level += trend * (m - 1) / 2.0;
        for (int t = m; t < y.length; t++) {
            double s = season[t % m];
            double previousLevel = level;
            level = alpha * (y[t] - s) + (1 - alpha) * (level + phi * trend);
            trend = beta * (level - previousLevel) + (1 - beta) * phi * trend;
            season[t % m] = gamma * (y[t] - level) + (1 - gamma) * s;
        }
        // slot of y[t] is t % m; the Fit indexes by (length + h - 1) % m, the same slot sequence
        return new Fit(level, trend, season, y.length, minOfLast(y, m));
    }

    /**
     * Standard deviation of the fitted trend when every observation carries independent noise of unit
     * variance: the root sum of squares of the trend's weights, each weight the trend fitted to a unit vector.
     */
    private double trendNoise(int n) {
        return trendNoiseByLength.computeIfAbsent(n, length -> {
            double sumSquares = 0;
            double[] unit = new double[length];
            for (int i = 0; i < length; i++) {
                unit[i] = 1;
                double w = fit(unit).trend();
                sumSquares += w * w;
                unit[i] = 0;
            }
            return Math.sqrt(sumSquares);
        });
    }

    /**
     * The observation noise, from first differences (a smooth mean barely moves between neighbours, so
     * {@code Var(y_t - y_t-1) = 2 sigma^2}); demeaned, so a steady trend is not counted as noise.
     */
    private static double noiseSd(double[] y) {
        int d = y.length - 1;
        if (d < 2) {
            return 0;
        }
        double mean = (y[d] - y[0]) / d;
        double sumSquares = 0;
        for (int t = 1; t <= d; t++) {
            double dev = y[t] - y[t - 1] - mean;
            sumSquares += dev * dev;
        }
        return Math.sqrt(sumSquares / (d - 1) / 2);
    }

    private static double leastSquaresSlope(double[] y, int k) {
        double tMean = (k - 1) / 2.0;
        double yMean = mean(y, 0, k);
        double sxy = 0;
        double sxx = 0;
        for (int t = 0; t < k; t++) {
            sxy += (t - tMean) * (y[t] - yMean);
            sxx += (t - tMean) * (t - tMean);
        }
        return sxy / sxx;
    }

    private static double minOfLast(double[] y, int count) {
        double min = Double.POSITIVE_INFINITY;
        for (int t = Math.max(0, y.length - count); t < y.length; t++) {
            min = Math.min(min, y[t]);
        }
        return Math.max(0, min);
    }

    private static double mean(double[] y, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += y[i];
        }
        return sum / (to - from);
    }
}
