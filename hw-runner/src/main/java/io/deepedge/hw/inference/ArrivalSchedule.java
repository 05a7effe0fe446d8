package io.deepedge.hw.inference;

import io.deepedge.models.Arrivals;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The arrival times of an LC service instance, drawn from its seed before any request is sent, so the load
 * does not depend on how fast the service answers (open loop) and the same seed gives the same times.
 * <ul>
 *   <li>Poisson at rate {@code r}: {@code t_k = t_{k-1} - ln(1 - U_k) / r}, {@code t_0 = 0}, with {@code U_k}
 *       the k-th {@code nextDouble()} of {@code new SplittableRandom(seed)};</li>
 *   <li>steps (piecewise-constant rate): the same unit-exponential draws, each inverted through the cumulative
 *       intensity from the previous arrival (exact for a non-homogeneous Poisson process);</li>
 *   <li>a recorded trace: its times, repeated every period when it has one (no randomness).</li>
 * </ul>
 * {@link StrictMath} makes the times identical on every JVM.
 */
public abstract class ArrivalSchedule {
    /** The next arrival in seconds from the run's start; {@code +Infinity} once no arrival ever comes. */
    public abstract double nextSec();

    public static ArrivalSchedule of(Arrivals arrivals, long seed) {
        if (arrivals instanceof Arrivals.Poisson p) {
            return new Steps(List.of(new Arrivals.Step(0, p.ratePerSec())), seed);
        }
        if (arrivals instanceof Arrivals.Steps s) {
            return new Steps(s.steps(), seed);
        }
        if (arrivals instanceof Arrivals.Recorded r) {
            return new Replayed(r.timesSec(), r.periodSec());
        }
        throw new IllegalArgumentException("unsupported arrivals " + arrivals);
    }

    /**
     * Exactly these arrival times, in order (ascending), then none: how the testbed replays the simulator's
     * arrivals of an instance (the digital twin), computed outside this module from the simulator's own streams.
     */
    public static ArrivalSchedule ofTimes(double[] timesSec) {
        double[] times = timesSec.clone();
        for (int i = 1; i < times.length; i++) {
            if (!(times[i] >= times[i - 1])) {
                throw new IllegalArgumentException("arrival times must ascend: " + times[i - 1] + " then " + times[i]);
            }
        }
        return new ArrivalSchedule() {
            private int next;

            @Override
            public double nextSec() {
                return next < times.length ? times[next++] : Double.POSITIVE_INFINITY;
            }
        };
    }

    /** All arrival times before {@code untilSec}. */
    public static double[] times(Arrivals arrivals, long seed, double untilSec) {
        ArrivalSchedule s = of(arrivals, seed);
        double[] out = new double[64];
        int n = 0;
        for (double t = s.nextSec(); t < untilSec; t = s.nextSec()) {
            if (n == out.length) {
                out = java.util.Arrays.copyOf(out, n * 2);
            }
            out[n++] = t;
        }
        return java.util.Arrays.copyOf(out, n);
    }

    /**
     * A seed for one named stream of a run (e.g. {@code "arrivals/detector/nano-1"}): depends on the run seed and
     * the name only, not on creation order.
     */
    public static long streamSeed(long runSeed, String name) {
        long h = runSeed;
        for (int i = 0; i < name.length(); i++) {
            h = mix(h + name.charAt(i));
        }
        return mix(h ^ name.length());
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Poisson arrivals with a piecewise-constant rate (a single step is homogeneous Poisson). */
    private static final class Steps extends ArrivalSchedule {
        private final double[] atSec;
        private final double[] ratePerSec;
        private final SplittableRandom rng;
        private double nowSec;
        private int step;

        Steps(List<Arrivals.Step> steps, long seed) {
            this.atSec = steps.stream().mapToDouble(Arrivals.Step::atSec).toArray();
            this.ratePerSec = steps.stream().mapToDouble(Arrivals.Step::ratePerSec).toArray();
            this.rng = new SplittableRandom(seed);
        }

        @Override
        public double nextSec() {
            double exp = -StrictMath.log1p(-rng.nextDouble());
            // walk the steps from the previous arrival until the integrated rate reaches the draw
            while (true) {
                double end = step + 1 < atSec.length ? atSec[step + 1] : Double.POSITIVE_INFINITY;
                double rate = ratePerSec[step];
                if (rate > 0 && rate * (end - nowSec) >= exp) {
                    nowSec += exp / rate;
                    return nowSec;
                }
                if (end == Double.POSITIVE_INFINITY) {
                    nowSec = end;
                    return nowSec;
                }
                exp -= rate * (end - nowSec);
                nowSec = end;
                step++;
            }
        }
    }

    /** A recorded trace, optionally repeated every period. */
    private static final class Replayed extends ArrivalSchedule {
        private final double[] timesSec;
        private final double periodSec;
        private int next;
        private long round;

        Replayed(List<Double> times, double periodSec) {
            this.timesSec = times.stream().mapToDouble(Double::doubleValue).toArray();
            this.periodSec = periodSec;
        }

        @Override
        public double nextSec() {
            if (next == timesSec.length) {
                if (periodSec <= 0) {
                    return Double.POSITIVE_INFINITY;
                }
                next = 0;
                round++;
            }
            return timesSec[next++] + round * periodSec;
        }
    }
}
