package io.deepedge.models.forecast;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class ForecasterTest {
    private static double seasonal(int t) {
        return 50 + 0.5 * t + 20 * Math.sin(2 * Math.PI * t / 24);
    }

    @Test
    void holtWintersRecoversASyntheticSeasonalSeriesWithTrend() {
        SplittableRandom noise = new SplittableRandom(1);
        double[] history = new double[24 * 10];
        for (int t = 0; t < history.length; t++) {
            history[t] = seasonal(t) + noise.nextDouble(-1, 1);
        }
        double[] forecast = Forecaster.holtWinters(0.3, 0.05, 0.3, 24).forecast(history, 24);
        for (int h = 0; h < 24; h++) {
            double truth = seasonal(history.length + h);
            assertEquals(truth, forecast[h], 0.05 * truth, "h=" + (h + 1));
        }
    }

    @Test
    void holtWintersBeatsFlatForecastsOnASeason() {
        double[] history = new double[24 * 6];
        for (int t = 0; t < history.length; t++) {
            history[t] = seasonal(t);
        }
        double hw = error(Forecaster.holtWinters(0.3, 0.05, 0.3, 24), history);
        double ewma = error(Forecaster.ewma(0.3), history);
        double last = error(Forecaster.lastValue(), history);
        org.junit.jupiter.api.Assertions.assertTrue(hw < ewma / 5 && hw < last / 5, hw + " " + ewma + " " + last);
    }

    @Test
    void peakIsTheLargestForecastOverTheWindow() {
        double[] history = new double[24 * 4];
        for (int t = 0; t < history.length; t++) {
            history[t] = seasonal(t);
        }
        Forecaster hw = Forecaster.holtWinters(0.3, 0.05, 0.3, 24);
        double[] f = hw.forecast(history, 12);
        double max = Double.NEGATIVE_INFINITY;
        for (double v : f) {
            max = Math.max(max, v);
        }
        assertEquals(max, hw.peak(history, 12), 0);
    }

    @Test
    void peakShortcutEqualsTheMaximumOfTheFullForecast() {
        SplittableRandom r = new SplittableRandom(5);
        for (int trial = 0; trial < 200; trial++) {
            int n = 1 + r.nextInt(120);
            double slope = r.nextDouble(-1, 1);
            double[] y = new double[n];
            for (int t = 0; t < n; t++) {
                y[t] = Math.max(0, 30 + slope * t + 10 * Math.sin(2 * Math.PI * t / 24) + r.nextDouble(-2, 2));
            }
            int horizon = 1 + r.nextInt(500);
            for (Forecaster f : new Forecaster[] {Forecaster.holtWinters(0.4, 0.1, 0.3, 24),
                Forecaster.holtWinters(0.4, 0.1, 0.3, 24, 0.9), Forecaster.holtWinters(0.5, 0.2, 0.3, 7, 0.97),
                Forecaster.ewma(0.3), Forecaster.lastValue()}) {
                double max = 0;
                for (double v : f.forecast(y, horizon)) {
                    max = Math.max(max, v);
                }
                assertEquals(max, f.peak(y, horizon), 1e-9 * Math.max(1, max), f.id() + " n=" + n + " h=" + horizon);
            }
        }
    }

    @Test
    void flatForecastersFollowTheirDefinitions() {
        double[] h = {10, 20, 40};
        assertArrayEquals(new double[] {40, 40}, Forecaster.lastValue().forecast(h, 2));
        // EWMA with alpha 0.5: 10 -> 15 -> 27.5
        assertArrayEquals(new double[] {27.5}, Forecaster.ewma(0.5).forecast(h, 1), 1e-12);
        assertEquals(0, Forecaster.ewma(0.5).forecast(new double[0], 3).length);
    }

    @Test
    void holtWintersTrustsNoTrendBeforeSixIntervals() {
        // five intervals or fewer: the smoothed level, alpha 0.5: 10 -> 11 -> 12.5 -> 14.25
        double[] h = {10, 12, 14, 16};
        assertArrayEquals(new double[] {14.25, 14.25}, Forecaster.holtWinters(0.5, 0.5, 0.5, 24).forecast(h, 2), 1e-9);
    }

    @Test
    void holtWintersExtrapolatesANoiseFreeRampFromSixIntervals() {
        // y = 10 + 2t, t = 0..7: the least-squares start is exact and smoothing an exact line keeps it exact
        double[] h = {10, 12, 14, 16, 18, 20, 22, 24};
        assertArrayEquals(new double[] {26, 28}, Forecaster.holtWinters(0.5, 0.1, 0.5, 24).forecast(h, 2), 1e-9);
        // six values: the least-squares line alone (level 20, trend 2), damped by 0.5 per interval ahead:
        // 20 + 0.5 * 2, then 20 + (0.5 + 0.25) * 2
        double[] six = {10, 12, 14, 16, 18, 20};
        assertArrayEquals(new double[] {21, 21.5}, Forecaster.holtWinters(0.5, 0.1, 0.5, 24, 0.5).forecast(six, 2), 1e-9);
    }

    @Test
    void holtWintersNeverForecastsBelowTheRecentMinimum() {
        // a steep noise-free fall: the trend is trusted, but the forecast stops at the lowest recent value
        double[] h = {60, 50, 40, 30, 20, 10};
        double[] f = Forecaster.holtWinters(0.5, 0.1, 0.5, 24).forecast(h, 3);
        assertArrayEquals(new double[] {10, 10, 10}, f, 1e-9);
    }

    private static double error(Forecaster f, double[] history) {
        double[] forecast = f.forecast(history, 24);
        double sum = 0;
        for (int h = 0; h < 24; h++) {
            sum += Math.abs(forecast[h] - seasonal(history.length + h));
        }
        return sum / 24;
    }

    /**
     * One fit for many windows must give what a fit per window gives, bit for bit (the policies' passes rely on
     * it): seasonal, trending, short, damped and empty histories, horizons across and beyond the season.
     */
    @Test
    void peaksOverManyHorizonsEqualPeakAtEachHorizon() {
        SplittableRandom r = new SplittableRandom(7);
        java.util.List<Forecaster> forecasters = java.util.List.of(Forecaster.holtWinters(0.5, 0.1, 0.3, 24),
                Forecaster.holtWinters(0.3, 0.2, 0.3, 6, 0.8), Forecaster.ewma(0.3), Forecaster.lastValue());
        for (int length : new int[] {0, 1, 3, 7, 30, 60, 200}) {
            double[] history = new double[length];
            for (int t = 0; t < length; t++) {
                history[t] = Math.max(0, seasonal(t) - 60 + r.nextDouble(-5, 5));
            }
            for (Forecaster f : forecasters) {
                java.util.function.IntToDoubleFunction peaks = f.peaks(history);
                for (int h : new int[] {1, 2, 5, 23, 24, 25, 49, 100, 1000}) {
                    assertEquals(Double.doubleToLongBits(f.peak(history, h)),
                            Double.doubleToLongBits(peaks.applyAsDouble(h)), f.id() + " n=" + length + " h=" + h);
                }
            }
        }
    }
}
