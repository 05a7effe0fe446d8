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

    /**
     * A linear trend plus a season of period m peaks, for each season slot, at the slot's latest (rising
     * trend) or earliest (falling trend) step within the horizon: O(m) candidates instead of the horizon.
     */
    @Override
    public double peak(double[] y, int horizon) {
        if (y.length == 0) {
            return Double.NaN;
        }
        if (y.length < 2 * seasonLength || seasonLength < 2) {
            // Holt's line peaks at one end of the horizon
            double[] lt = holtLevelTrend(y);
            return Math.max(0, Math.max(lt[0] + lt[1], lt[0] + horizon * lt[1]));
        }
        int span = Math.min(horizon, 2 * Math.max(seasonLength, 1));
        double[] near = forecast(y, span);
        double max = 0;
        for (double v : near) {
            max = Math.max(max, v);
        }
        if (horizon > span) {
            double[] one = forecast(y, 1);
            double trend = span > 1 ? (near[span - 1] - near[span - 1 - Math.min(span - 1, seasonLength)])
                    / Math.min(span - 1, seasonLength) : 0;
            if (trend > 0) {
                // the last season of the horizon repeats the shape seen near the start, shifted by the trend
                for (int k = 0; k < Math.min(span, seasonLength); k++) {
                    int h = horizon - k;
                    int sameSlot = ((h - 1) % Math.max(seasonLength, 1)) + 1;
                    double shift = (h - sameSlot) * trend;
                    max = Math.max(max, near[Math.min(sameSlot, span) - 1] + shift);
                }
            }
            max = Math.max(max, one[0]);
        }
        return max;
    }

    private double[] holt(double[] y, int horizon) {
        double[] lt = holtLevelTrend(y);
        double level = lt[0];
        double trend = lt[1];
        double[] out = new double[horizon];
        for (int h = 1; h <= horizon; h++) {
            out[h - 1] = level + h * trend;
        }
        return out;
    }

    /** Holt's linear method: the final level and trend. */
    private double[] holtLevelTrend(double[] y) {
        double level = y[0];
        double trend = y.length > 1 ? y[1] - y[0] : 0;
        for (int t = 1; t < y.length; t++) {
            double previousLevel = level;
            level = alpha * y[t] + (1 - alpha) * (level + trend);
            trend = beta * (level - previousLevel) + (1 - beta) * trend;
        }
        return new double[] {level, trend};
    }

    private static double mean(double[] y, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += y[i];
        }
        return sum / (to - from);
    }
}
