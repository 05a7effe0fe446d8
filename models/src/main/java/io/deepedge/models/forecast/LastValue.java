package io.deepedge.models.forecast;

import java.util.Arrays;

/** Forecasts the last observed rate for every future interval. */
final class LastValue implements Forecaster {
    @Override
    public String id() {
        return "last-value";
    }

    @Override
    public double[] forecast(double[] history, int horizon) {
        if (history.length == 0) {
            return new double[0];
        }
        double[] out = new double[horizon];
        Arrays.fill(out, history[history.length - 1]);
        return out;
    }

    @Override
    public double peak(double[] history, int horizon) {
        return history.length == 0 ? Double.NaN : Math.max(0, history[history.length - 1]);
    }
}
