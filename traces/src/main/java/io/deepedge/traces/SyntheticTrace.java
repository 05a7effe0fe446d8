package io.deepedge.traces;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A seeded synthetic request load, for experiments that need a load shape no real trace has (a longer day, a
 * steeper trend, more bursts). The same parameters and seed give the same trace on every machine.
 *
 * <p>The model: the request rate of a function at time {@code t} seconds is
 * <pre>
 *   rate(t) = ratePerSec
 *           x max(0, 1 + diurnalAmplitude x sin(2 pi t / periodSec))   daily cycle, peak at periodSec / 4
 *           x max(0, 1 + trendPerHour x t / 3600)                      linear growth (or decline) of the load
 *           x noise(minute of t)                                       lognormal, mean 1, cv noiseCv, one draw a minute
 *           x (burstMultiplier while a burst is on, else 1)
 * </pre>
 * Bursts start as a Poisson process of {@code burstsPerHour} and last {@code burstSec}; overlapping bursts do
 * not stack. Given the rate, requests are a Poisson process: the per-minute count of the Azure Functions
 * layout is Poisson with the rate integrated over the minute (one-second midpoint rule), and per-request times
 * are drawn second by second (a Poisson count at the second's midpoint rate, placed uniformly in the second).
 * Without diurnal cycle, trend and bursts the long-run mean rate is {@code ratePerSec}; bursts add about
 * {@code (burstMultiplier - 1) x burstsPerHour x burstSec / 3600} of it.
 *
 * <p>Each function of a multi-function file has its own noise, bursts and counts, from streams split off the
 * seed in a fixed order (function 1 first; within a function: bursts, noise, counts), so changing one parameter
 * does not reshuffle the others' draws.
 */
public final class SyntheticTrace {
    private static final double HOUR_SEC = 3600;
    private static final int MINUTE_SEC = (int) FunctionRow.MINUTE_SEC;

    /**
     * The generator's parameters.
     *
     * @param seed seeds every draw
     * @param ratePerSec base request rate, > 0
     * @param diurnalAmplitude relative amplitude of the daily sinusoid, in [0, 1]
     * @param periodSec period of the sinusoid, > 0 (86400: a day)
     * @param trendPerHour relative change of the rate per hour, e.g. 0.1 = +10 % of the base each hour (any sign;
     *                     the factor is clipped at 0)
     * @param noiseCv coefficient of variation of the per-minute multiplicative noise, >= 0
     * @param burstsPerHour mean number of bursts per hour, >= 0
     * @param burstMultiplier rate multiplier during a burst, > 0
     * @param burstSec duration of a burst, > 0
     */
    public record Params(long seed, double ratePerSec, double diurnalAmplitude, double periodSec, double trendPerHour,
                         double noiseCv, double burstsPerHour, double burstMultiplier, double burstSec) {
        public Params {
            require("ratePerSec", ratePerSec > 0, ratePerSec);
            require("diurnalAmplitude", diurnalAmplitude >= 0 && diurnalAmplitude <= 1, diurnalAmplitude);
            require("periodSec", periodSec > 0, periodSec);
            require("trendPerHour", Double.isFinite(trendPerHour), trendPerHour);
            require("noiseCv", noiseCv >= 0, noiseCv);
            require("burstsPerHour", burstsPerHour >= 0, burstsPerHour);
            require("burstMultiplier", burstMultiplier > 0, burstMultiplier);
            require("burstSec", burstSec > 0, burstSec);
        }

        /** Seed 1, 5 requests/s, a daily cycle of +-50 %, no trend, 10 % noise, 2 bursts an hour of 60 s at x3. */
        public static Params defaults() {
            return new Params(1, 5, 0.5, 86_400, 0, 0.1, 2, 3, 60);
        }

        private static void require(String name, boolean ok, double value) {
            if (!ok || !Double.isFinite(value)) {
                throw new IllegalArgumentException(name + " is out of range (" + value + ")");
            }
        }
    }

    private final Params params;

    public SyntheticTrace(Params params) {
        this.params = params;
    }

    public Params params() {
        return params;
    }

    /** The rate without noise and bursts: base x diurnal x trend. */
    public double shapeAt(double tSec) {
        double diurnal = 1 + params.diurnalAmplitude() * Math.sin(2 * Math.PI * tSec / params.periodSec());
        double trend = 1 + params.trendPerHour() * tSec / HOUR_SEC;
        return params.ratePerSec() * Math.max(0, diurnal) * Math.max(0, trend);
    }

    /**
     * Per-minute invocation counts of {@code functions} functions over {@code minutes} minutes, as rows of the
     * Azure Functions layout (owner {@code synthetic}, app {@code app}, functions {@code fn-1 .. fn-K}, trigger
     * {@code http}).
     */
    public List<FunctionRow> functions(int minutes, int functions) {
        checkSize(minutes, functions);
        SplittableRandom root = new SplittableRandom(params.seed());
        List<FunctionRow> rows = new ArrayList<>();
        for (int f = 1; f <= functions; f++) {
            Streams s = new Streams(root.split());
            int[] counts = new int[minutes];
            double[] rates = new double[MINUTE_SEC];
            for (int m = 0; m < minutes; m++) {
                s.secondRates(m, rates);
                double mean = Arrays.stream(rates).sum();
                counts[m] = (int) Math.min(Integer.MAX_VALUE, RandomDraws.poisson(s.counts, mean));
            }
            rows.add(new FunctionRow("synthetic", f, "synthetic", "app", "fn-" + f, "http", counts));
        }
        return rows;
    }

    /** Request times over {@code minutes} minutes, sorted, in seconds from 0 (the first function's stream). */
    public double[] requestTimes(int minutes) {
        checkSize(minutes, 1);
        Streams s = new Streams(new SplittableRandom(params.seed()).split());
        double[] times = new double[1024];
        int n = 0;
        double[] rates = new double[MINUTE_SEC];
        for (int m = 0; m < minutes; m++) {
            s.secondRates(m, rates);
            for (int k = 0; k < MINUTE_SEC; k++) {
                int count = (int) RandomDraws.poisson(s.counts, rates[k]);
                if (n + count > times.length) {
                    times = Arrays.copyOf(times, Math.max(2 * times.length, n + count));
                }
                double second = (double) m * MINUTE_SEC + k;
                for (int j = 0; j < count; j++) {
                    times[n + j] = second + s.counts.nextDouble();
                }
                Arrays.sort(times, n, n + count);
                n += count;
            }
        }
        return Arrays.copyOf(times, n);
    }

    private static void checkSize(int minutes, int functions) {
        if (minutes < 1 || functions < 1) {
            throw new IllegalArgumentException("need at least one minute and one function (" + minutes + ", "
                    + functions + ")");
        }
    }

    /** One function's random streams and burst schedule, advanced minute by minute. */
    private final class Streams {
        private final SplittableRandom bursts;
        private final SplittableRandom noise;
        final SplittableRandom counts;
        /** Start of the next burst not yet begun, and the end of the current one. */
        private double nextBurstSec;
        private double burstEndSec = Double.NEGATIVE_INFINITY;

        Streams(SplittableRandom function) {
            bursts = function.split();
            noise = function.split();
            counts = function.split();
            nextBurstSec = nextBurstAfter(0);
        }

        private double nextBurstAfter(double tSec) {
            return params.burstsPerHour() > 0
                    ? tSec + RandomDraws.exponential(bursts, HOUR_SEC / params.burstsPerHour()) : Double.POSITIVE_INFINITY;
        }

        /** Fills the 60 per-second rates of minute {@code m}, at each second's midpoint. */
        void secondRates(int m, double[] rates) {
            double factor = RandomDraws.lognormalFactor(noise, params.noiseCv());
            for (int k = 0; k < rates.length; k++) {
                double t = (double) m * MINUTE_SEC + k + 0.5;
                while (nextBurstSec <= t) {
                    burstEndSec = Math.max(burstEndSec, nextBurstSec + params.burstSec());
                    nextBurstSec = nextBurstAfter(nextBurstSec);
                }
                double burst = t < burstEndSec ? params.burstMultiplier() : 1;
                rates[k] = shapeAt(t) * factor * burst;
            }
        }
    }
}
