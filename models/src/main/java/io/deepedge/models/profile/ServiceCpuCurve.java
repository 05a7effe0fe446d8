package io.deepedge.models.profile;

import io.deepedge.models.Checks;
import org.apache.commons.math3.analysis.ParametricUnivariateFunction;
import org.apache.commons.math3.exception.MathIllegalStateException;
import org.apache.commons.math3.fitting.SimpleCurveFitter;
import org.apache.commons.math3.fitting.WeightedObservedPoint;
import org.apache.commons.math3.stat.regression.SimpleRegression;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The agent's CPU over its services' total request rate with nothing else running (the design's services-alone
 * phases), for the CPU a request costs at the rate a run sends. Measured on the testbed a request costs less CPU the
 * more often requests come (README "A request's CPU as the rate rises": 4.16 ms at 20 req/s, 2.59 ms at 180 req/s
 * on one 0.6-CPU agent), so one straight line through the points gives too little per request at low rates and too
 * much beyond the design's rates; its intercept sits well above the idle agent. The curve fitted here is a power law
 * of the rate above the idle agent's CPU, {@code cores(λ) = idle + a λ^β}, so a request costs {@code 1000 a λ^(β-1)}
 * ms at {@code λ}: by least squares on the logarithms first, then (three points or more) by least squares on the CPU
 * itself from there (Levenberg-Marquardt), so the phases at the rates that load the device most weigh most. On the
 * logarithms a phase at 15 req/s, whose CPU above the idle agent is a few hundredths of a core and moves by a tenth
 * with the idle agent's own noise, weighed as much as one at 150: over the five fidelity profiles of 2026-12-02 the
 * log fit put a request's CPU on {@code big} at the heavy level +4.6, +21.0, +7.4, +9.0 and -0.6 % from the
 * testbed's runs of the services alone there (four 45 s runs each), this one +0.7, +15.3, +6.8, +3.7 and -2.3 %.
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
     * The power law fitted above {@code idleCores}: empty when fewer than two points with different rates lie above
     * the idle CPU, or the fitted CPU does not rise with the rate (then the profile's one figure stands).
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
        double[] law = onTheCpu(above, idleCores, Math.exp(fit.getIntercept()), fit.getSlope());
        return Optional.of(new Law(law[0], law[1], above.get(0).ratePerSec(), above.get(above.size() - 1).ratePerSec()));
    }

    /** {@code a λ^β}, and its gradient in (a, β). */
    private static final ParametricUnivariateFunction POWER = new ParametricUnivariateFunction() {
        @Override
        public double value(double rate, double... ab) {
            return ab[0] * Math.pow(rate, ab[1]);
        }

        @Override
        public double[] gradient(double rate, double... ab) {
            double power = Math.pow(rate, ab[1]);
            return new double[] {power, ab[0] * power * Math.log(rate)};
        }
    };

    /**
     * The law's {@code (a, β)} by least squares on the CPU above {@code idleCores}, from the log fit's
     * {@code (a0, β0)}; those themselves with two points (the law passes through both either way) or where the
     * search fails or leaves a CPU that does not rise with the rate.
     */
    private static double[] onTheCpu(List<Point> above, double idleCores, double a0, double b0) {
        if (above.size() < 3) {
            return new double[] {a0, b0};
        }
        List<WeightedObservedPoint> observed = above.stream()
                .map(p -> new WeightedObservedPoint(1, p.ratePerSec(), p.cores() - idleCores)).toList();
        try {
            double[] ab = SimpleCurveFitter.create(POWER, new double[] {a0, b0}).withMaxIterations(MAX_ITERATIONS)
                    .fit(observed);
            if (ab[0] > 0 && ab[1] > 0 && Double.isFinite(ab[0]) && Double.isFinite(ab[1])) {
                return ab;
            }
        } catch (MathIllegalStateException e) {
            // no convergence within the iterations: the log fit stands
        }
        return new double[] {a0, b0};
    }

    /**
     * {@code cores(λ) = idle + coefficient λ^exponent}, fitted on points from {@code lowestRatePerSec} to
     * {@code highestRatePerSec}.
     */
    public record Law(double coefficient, double exponent, double lowestRatePerSec, double highestRatePerSec) {
        /**
         * The CPU one request costs at a total rate of {@code ratePerSec} (ms): the law read at the rate held within
         * [the lowest point's rate, {@value ServiceCpuCurve#MAX_EXTRAPOLATION} x the highest].
         */
        public double cpuMsPerRequestAt(double ratePerSec) {
            Checks.positive("ratePerSec", ratePerSec);
            double rate = Math.min(Math.max(ratePerSec, lowestRatePerSec), MAX_EXTRAPOLATION * highestRatePerSec);
            return 1000 * coefficient * Math.pow(rate, exponent - 1);
        }
    }
}
