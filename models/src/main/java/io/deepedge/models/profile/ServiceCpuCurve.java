package io.deepedge.models.profile;

import io.deepedge.models.Checks;
import org.apache.commons.math3.analysis.ParametricUnivariateFunction;
import org.apache.commons.math3.exception.MathIllegalStateException;
import org.apache.commons.math3.fitting.SimpleCurveFitter;
import org.apache.commons.math3.linear.SingularMatrixException;
import org.apache.commons.math3.fitting.WeightedObservedPoint;
import org.apache.commons.math3.stat.regression.OLSMultipleLinearRegression;
import org.apache.commons.math3.stat.regression.SimpleRegression;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The agent's CPU over its services' total request rate with nothing else running (the design's services-alone
 * phases), for the CPU a request costs at the rate a run sends. Measured on the testbed a request costs less CPU the
 * more often requests come (README "A request's CPU as the rate rises": 4.16 ms at 20 req/s, 2.59 ms at 180 req/s
 * on one 0.6-CPU agent), so one straight line through the points gives too little per request at low rates and too
 * much beyond the design's rates; its intercept sits well above the idle agent. The curve fitted here is a power law
 * of the rate above the idle agent's CPU whose exponent may itself change with the rate, {@code cores(λ) = idle +
 * exp(p0 + p1 x + p2 x^2)}, {@code x = ln λ} (a parabola on the log-log plot; {@code p2 = 0} is the plain power law
 * {@code a λ^p1}), by least squares on the agent's CPU relative to itself (weights {@code 1 / cores^2}), starting
 * from the parabola through the logarithms. Why: a plain power law fitted on the CPU itself (the curve until
 * 2026-12-04) missed the lowest-rate phase of 15 device curves of five profiles by +16.5 % at the median (up to +69
 * %) and the highest by +1.2 %; fitted on the logarithms, the highest by +4.8 %: the curve bends, and where a run
 * reads it at its lowest rate (the fidelity twin's {@code tagger} at 5 req/s) the plain law charged {@code small}
 * 35 % more CPU per request than that phase had measured. The parabola misses the lowest phase by -0.3 % and the
 * highest by -0.8 % at the median over the same curves, and a phase left out in turn by 6.2 % (the plain law on the
 * CPU 5.9 %). Weighed relatively, a phase at 15 req/s counts as much as one at 150 in per cent of its CPU, not in
 * cores, and its CPU above the idle agent (a few hundredths of a core, moved by a tenth by the idle agent's own
 * noise) is not taken to the logarithm. A parabola that falls anywhere over the points' rates, and fewer than four
 * points on three rates, give the plain power law by the same criterion (two points: the law through both).
 *
 * @param points the measured points, in rising rate
 */
public record ServiceCpuCurve(List<Point> points) {
    /** No curve measured: the twin charges the profile's one CPU time per request. */
    public static final ServiceCpuCurve NONE = new ServiceCpuCurve(List.of());
    /** The rate a curve is read at is kept within its points' rates times these (below: no extrapolation down). */
    static final double MAX_EXTRAPOLATION = 2.0;
    /** The least-squares search's limit (it converges in a few from the log fit). */
    private static final int MAX_ITERATIONS = 1000;

    /**
     * One services-alone phase.
     *
     * @param ratePerSec the requests completed per second over the phase (every service of the device together)
     * @param cores the agent process's CPU over the phase
     */
    public record Point(double ratePerSec, double cores) {
        public Point {
            Checks.positive("ratePerSec", ratePerSec);
            Checks.nonNegative("cores", cores);
        }
    }

    public ServiceCpuCurve {
        points = points.stream().sorted(Comparator.comparingDouble(Point::ratePerSec)).toList();
    }

    /** Whether any point was measured. */
    public boolean any() {
        return !points.isEmpty();
    }

    /**
     * The curve fitted above {@code idleCores}: empty when fewer than two points with different rates lie above the
     * idle CPU, or the fitted CPU does not rise with the rate (then the profile's one figure stands).
     */
    public Optional<Law> fit(double idleCores) {
        List<Point> above = points.stream().filter(p -> p.cores() > idleCores).toList();
        if (above.size() < 2 || above.get(0).ratePerSec() == above.get(above.size() - 1).ratePerSec()) {
            return Optional.empty();
        }
        SimpleRegression fit = new SimpleRegression();
        for (Point p : above) {
            fit.addData(Math.log(p.ratePerSec()), Math.log(p.cores() - idleCores));
        }
        if (!(fit.getSlope() > 0)) {
            return Optional.empty();
        }
        double[] logLaw = {fit.getIntercept(), fit.getSlope(), 0};
        double[] law = bent(above, idleCores).or(() -> power(above, idleCores, logLaw)).orElse(logLaw);
        return Optional.of(new Law(Math.exp(law[0]), law[1], law[2], above.get(0).ratePerSec(),
                above.get(above.size() - 1).ratePerSec()));
    }

    /** The parabola, where four points on three rates determine it and it rises over all their rates. */
    private static Optional<double[]> bent(List<Point> above, double idleCores) {
        if (above.size() < 4 || above.stream().mapToDouble(Point::ratePerSec).distinct().count() < 3) {
            return Optional.empty();
        }
        double low = above.get(0).ratePerSec();
        double high = above.get(above.size() - 1).ratePerSec();
        return parabolaThroughLogs(above, idleCores).flatMap(start -> relative(above, idleCores, start, PARABOLA, 3))
                .filter(p -> rises(p, low) && rises(p, high));
    }

    /** The plain power law by the same criterion from the log fit {@code start}, with three points or more. */
    private static Optional<double[]> power(List<Point> above, double idleCores, double[] start) {
        return above.size() < 3 ? Optional.empty()
                : relative(above, idleCores, start, POWER, 2).filter(p -> p[1] > 0);
    }

    /**
     * Whether {@code ln(cores above idle)} rises with {@code ln λ} at {@code rate}: {@code p1 + 2 p2 ln rate > 0}
     * (linear in {@code ln rate}, so rising at both ends of a range is rising over all of it).
     */
    private static boolean rises(double[] p, double rate) {
        return p[1] + 2 * p[2] * Math.log(rate) > 0;
    }

    /** {@code exp(p0 + p1 x + p2 x^2)} at {@code x = ln rate}, and its gradient: the parabola on the log-log plot. */
    private static final ParametricUnivariateFunction PARABOLA = new ParametricUnivariateFunction() {
        @Override
        public double value(double rate, double... p) {
            double x = Math.log(rate);
            return Math.exp(p[0] + p[1] * x + p[2] * x * x);
        }

        @Override
        public double[] gradient(double rate, double... p) {
            double x = Math.log(rate);
            double f = value(rate, p);
            return new double[] {f, f * x, f * x * x};
        }
    };

    /** The plain power law {@code exp(p0 + p1 x)} at {@code x = ln rate}, and its gradient. */
    private static final ParametricUnivariateFunction POWER = new ParametricUnivariateFunction() {
        @Override
        public double value(double rate, double... p) {
            return Math.exp(p[0] + p[1] * Math.log(rate));
        }

        @Override
        public double[] gradient(double rate, double... p) {
            double x = Math.log(rate);
            double f = value(rate, p);
            return new double[] {f, f * x};
        }
    };

    /**
     * The parabola through the points' logarithms by ordinary least squares, the search's start (empty where the
     * rates, three or more, lie too close together to determine it).
     */
    private static Optional<double[]> parabolaThroughLogs(List<Point> above, double idleCores) {
        double[] y = new double[above.size()];
        double[][] x = new double[above.size()][];
        for (int i = 0; i < above.size(); i++) {
            double lx = Math.log(above.get(i).ratePerSec());
            x[i] = new double[] {lx, lx * lx};
            y[i] = Math.log(above.get(i).cores() - idleCores);
        }
        try {
            OLSMultipleLinearRegression ols = new OLSMultipleLinearRegression();
            ols.newSampleData(y, x);
            return Optional.of(ols.estimateRegressionParameters());
        } catch (SingularMatrixException e) {
            return Optional.empty();
        }
    }

    /**
     * The first {@code n} parameters of {@code shape} by least squares on the agent's CPU relative to itself (each
     * point weighed {@code 1 / cores^2}), from {@code start}; empty where the search fails or gives no finite curve.
     * The result has three parameters either way (the third 0 for the power law).
     */
    private static Optional<double[]> relative(List<Point> above, double idleCores, double[] start,
                                               ParametricUnivariateFunction shape, int n) {
        List<WeightedObservedPoint> observed = above.stream().map(p -> new WeightedObservedPoint(
                1 / (p.cores() * p.cores()), p.ratePerSec(), p.cores() - idleCores)).toList();
        try {
            double[] p = SimpleCurveFitter.create(shape, Arrays.copyOf(start, n)).withMaxIterations(MAX_ITERATIONS)
                    .fit(observed);
            if (Arrays.stream(p).allMatch(Double::isFinite)) {
                return Optional.of(Arrays.copyOf(p, 3));
            }
        } catch (MathIllegalStateException e) {
            // no convergence within the iterations: the caller's fallback stands
        }
        return Optional.empty();
    }

    /**
     * {@code cores(λ) = idle + coefficient λ^(exponent + curvature ln λ)}, fitted on points from
     * {@code lowestRatePerSec} to {@code highestRatePerSec} ({@code curvature} 0: the plain power law).
     */
    public record Law(double coefficient, double exponent, double curvature, double lowestRatePerSec,
                      double highestRatePerSec) {
        /**
         * The CPU one request costs at a total rate of {@code ratePerSec} (ms): the curve read at the rate held within
         * [the lowest point's rate, {@value ServiceCpuCurve#MAX_EXTRAPOLATION} x the highest]; beyond the highest
         * point, the power law the curve has there (its value and its slope on the log-log plot), so it goes on
         * rising as it did and bends no further.
         */
        public double cpuMsPerRequestAt(double ratePerSec) {
            Checks.positive("ratePerSec", ratePerSec);
            double rate = Math.min(Math.max(ratePerSec, lowestRatePerSec), MAX_EXTRAPOLATION * highestRatePerSec);
            double inRange = Math.min(rate, highestRatePerSec);
            double x = Math.log(inRange);
            double cores = coefficient * Math.exp(exponent * x + curvature * x * x)
                    * Math.pow(rate / inRange, exponent + 2 * curvature * x);
            return 1000 * cores / rate;
        }
    }
}
