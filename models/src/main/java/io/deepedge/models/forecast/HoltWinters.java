package io.deepedge.models.forecast;

/**
 * Additive Holt-Winters (level, trend, season). Initialised from the first two seasons (level: mean of
 * the first season; trend: mean per-interval change between the first two seasons; season: the first
 * season's deviations from its mean). With fewer than two seasons of history it degrades to Holt's
 * linear trend method (no season), and with one value to the last value.
 */
final class HoltWinters implements Forecaster {
    private final double alpha;
    private final double beta;
    private final double gamma;
    private final int seasonLength;

    HoltWinters(double alpha, double beta, double gamma, int seasonLength) {
        for (double p : new double[] {alpha, beta, gamma}) {
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException("smoothing parameters must be in [0, 1] (" + p + ")");
            }
        }
        if (seasonLength < 1) {
            throw new IllegalArgumentException("seasonLength must be >= 1 (" + seasonLength + ")");
        }
        this.alpha = alpha;
        this.beta = beta;
        this.gamma = gamma;
        this.seasonLength = seasonLength;
    }

    @Override
    public String id() {
        return "holt-winters";
    }

    @Override
    public double[] forecast(double[] y, int horizon) {
        if (y.length == 0) {
            return new double[0];
        }
        if (y.length < 2 * seasonLength || seasonLength < 2) {
            return holt(y, horizon);
        }
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
            level = alpha * (y[t] - s) + (1 - alpha) * (level + trend);
            trend = beta * (level - previousLevel) + (1 - beta) * trend;
            season[t % m] = gamma * (y[t] - level) + (1 - gamma) * s;
        }
        double[] out = new double[horizon];
        for (int h = 1; h <= horizon; h++) {
            out[h - 1] = level + h * trend + season[(y.length + h - 1) % m];
        }
        return out;
    }

    private double[] holt(double[] y, int horizon) {
        double level = y[0];
        double trend = y.length > 1 ? y[1] - y[0] : 0;
        for (int t = 1; t < y.length; t++) {
            double previousLevel = level;
            level = alpha * y[t] + (1 - alpha) * (level + trend);
            trend = beta * (level - previousLevel) + (1 - beta) * trend;
        }
        double[] out = new double[horizon];
        for (int h = 1; h <= horizon; h++) {
            out[h - 1] = level + h * trend;
        }
        return out;
    }

    private static double mean(double[] y, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += y[i];
        }
        return sum / (to - from);
    }
}
