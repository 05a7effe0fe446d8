package io.deepedge.models.forecast;

import java.util.Arrays;

/** Exponentially weighted moving average: a flat forecast at the smoothed level. */
final class Ewma implements Forecaster {
    private final double alpha;

    Ewma(double alpha) {
        if (!(alpha > 0 && alpha <= 1)) {
            throw new IllegalArgumentException("alpha must be in (0, 1] (" + alpha + ")");
        }
        this.alpha = alpha;
    }

    @Override
    public String id() {
        return "ewma";
    }

    @Override
    public double[] forecast(double[] history, int horizon) {
        if (history.length == 0) {
            return new double[0];
        }
        double level = history[0];
        for (int i = 1; i < history.length; i++) {
            level = alpha * history[i] + (1 - alpha) * level;
        }
        double[] out = new double[horizon];
        Arrays.fill(out, level);
        return out;
    }

    @Override
    public double peak(double[] history, int horizon) {
        return history.length == 0 ? Double.NaN : Math.max(0, forecast(history, 1)[0]);
    }
}
