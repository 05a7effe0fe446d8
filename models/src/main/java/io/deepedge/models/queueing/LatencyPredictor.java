package io.deepedge.models.queueing;

import io.deepedge.models.ServiceTime;
import org.apache.commons.math3.analysis.solvers.BrentSolver;
import org.apache.commons.math3.special.Erf;

/**
 * Predicted latency (sojourn = waiting + service) of a FCFS single-server queue with Poisson arrivals,
 * when every service time is inflated by a factor {@code inflation} (interference from co-located training).
 *
 * <p>Method:
 * <ul>
 *   <li><b>M/M/1</b> (exponential service): exact, the sojourn time is exponential with rate {@code mu - lambda}.</li>
 *   <li><b>M/G/1</b> otherwise: the mean wait is Pollaczek-Khinchine's {@code W = lambda E[S^2] / (2 (1 - rho))}.
 *       The waiting-time tail is approximated by {@code P(W > t) = min(rho, c e^{-theta t})}: {@code theta} is
 *       the Cramer-Lundberg decay rate, the root of {@code lambda (M_S(theta) - 1) = theta}, where the service
 *       time has a moment generating function (constant service), and {@code rho / W} (an exponential
 *       conditional wait with P-K's mean) for heavy-tailed lognormal service; {@code c = theta W} makes the
 *       tail's integral equal P-K's mean. The sojourn tail {@code P(W + S > t)} is that tail convolved with
 *       the service-time distribution (numerically for lognormal, 400-point midpoint rule on quantiles).</li>
 * </ul>
 * An unstable queue ({@code rho >= 1}) has infinite quantiles.
 */
public final class LatencyPredictor {
    private static final int LOGNORMAL_POINTS = 400;

    private LatencyPredictor() {
    }

    /** Server utilisation {@code rho = lambda E[S] inflation}. */
    public static double utilisation(ServiceTime s, double inflation, double ratePerSec) {
        return ratePerSec * s.meanMs() / 1000.0 * inflation;
    }

    /** Mean sojourn time in ms (exact for M/G/1 by Pollaczek-Khinchine); infinite when unstable. */
    public static double meanMs(ServiceTime s, double inflation, double ratePerSec) {
        double rho = utilisation(s, inflation, ratePerSec);
        if (rho >= 1) {
            return Double.POSITIVE_INFINITY;
        }
        double meanSec = s.meanMs() / 1000.0 * inflation;
        double wait = ratePerSec * meanSec * meanSec * (1 + s.scv()) / (2 * (1 - rho));
        return 1000.0 * (wait + meanSec);
    }

    /** {@code P(latency > tMs)}. */
    public static double tailProbability(ServiceTime s, double inflation, double ratePerSec, double tMs) {
        double rho = utilisation(s, inflation, ratePerSec);
        if (rho >= 1) {
            return 1.0;
        }
        if (rho == 0 || ratePerSec == 0) {
            return serviceTail(s, inflation, tMs);
        }
        double t = tMs / 1000.0;
        double meanSec = s.meanMs() / 1000.0 * inflation;
        if (s instanceof ServiceTime.Exponential) {
            return Math.exp(-(1 / meanSec - ratePerSec) * t);
        }
        double meanWait = ratePerSec * meanSec * meanSec * (1 + s.scv()) / (2 * (1 - rho));
        double theta = s instanceof ServiceTime.Constant ? constantServiceDecay(ratePerSec, meanSec) : rho / meanWait;
        WaitTail wait = new WaitTail(rho, theta * meanWait, theta);
        if (s instanceof ServiceTime.Constant) {
            return t < meanSec ? 1.0 : wait.above(t - meanSec);
        }
        return lognormalSojournTail((ServiceTime.Lognormal) s, inflation, t, wait);
    }

    /** The {@code q}-quantile of latency in ms; infinite when the queue is unstable. */
    public static double quantileMs(ServiceTime s, double inflation, double ratePerSec, double q) {
        double rho = utilisation(s, inflation, ratePerSec);
        if (rho >= 1) {
            return Double.POSITIVE_INFINITY;
        }
        if (s instanceof ServiceTime.Exponential && ratePerSec > 0) {
            double meanSec = s.meanMs() / 1000.0 * inflation;
            return 1000.0 * -Math.log(1 - q) / (1 / meanSec - ratePerSec);
        }
        double lo = 0;
        double hi = Math.max(1e-6, meanMs(s, inflation, ratePerSec));
        while (tailProbability(s, inflation, ratePerSec, hi) > 1 - q) {
            lo = hi;
            hi *= 2;
        }
        for (int i = 0; i < 60 && hi - lo > 1e-9 * hi; i++) {
            double mid = 0.5 * (lo + hi);
            if (tailProbability(s, inflation, ratePerSec, mid) > 1 - q) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return hi;
    }

    /** Whether the {@code q}-quantile is within {@code deadlineMs}: one tail evaluation, no quantile search. */
    public static boolean meetsDeadline(ServiceTime s, double inflation, double ratePerSec, double q,
                                        double deadlineMs) {
        return tailProbability(s, inflation, ratePerSec, deadlineMs) <= 1 - q;
    }

    private static double serviceTail(ServiceTime s, double inflation, double tMs) {
        double x = tMs / inflation;
        if (s instanceof ServiceTime.Exponential e) {
            return Math.exp(-x / e.meanMs());
        }
        if (s instanceof ServiceTime.Constant c) {
            return x < c.ms() ? 1.0 : 0.0;
        }
        ServiceTime.Lognormal l = (ServiceTime.Lognormal) s;
        return x <= 0 ? 1.0 : 0.5 * Erf.erfc((Math.log(x) - l.mu()) / (l.sigma() * Math.sqrt(2)));
    }

    /** Root theta > 0 of {@code lambda (e^{theta s} - 1) = theta}: the M/D/1 waiting-time decay rate. */
    static double constantServiceDecay(double lambda, double serviceSec) {
        double hi = 1.0 / serviceSec;
        while (lambda * Math.expm1(hi * serviceSec) - hi <= 0) {
            hi *= 2;
        }
        return new BrentSolver(1e-14, 1e-12).solve(200, th -> lambda * Math.expm1(th * serviceSec) - th,
                1e-9 / serviceSec, hi);
    }

    private static double lognormalSojournTail(ServiceTime.Lognormal l, double inflation, double t, WaitTail wait) {
        double mu = l.mu() + Math.log(inflation / 1000.0);
        double sigma = l.sigma();
        double serviceAbove = t <= 0 ? 1.0 : 0.5 * Erf.erfc((Math.log(t) - mu) / (sigma * Math.sqrt(2)));
        double massBelow = 1 - serviceAbove;
        if (massBelow <= 0) {
            return 1.0;
        }
        double sum = 0;
        for (int i = 0; i < LOGNORMAL_POINTS; i++) {
            double u = (i + 0.5) / LOGNORMAL_POINTS * massBelow;
            double service = Math.exp(mu + sigma * Math.sqrt(2) * Erf.erfInv(2 * u - 1));
            sum += wait.above(Math.max(0, t - service));
        }
        return serviceAbove + massBelow * sum / LOGNORMAL_POINTS;
    }

    /** {@code P(W > x) = min(rho, c e^{-theta x})} for x >= 0. */
    private record WaitTail(double rho, double c, double theta) {
        double above(double x) {
            return Math.min(rho, c * Math.exp(-theta * x));
        }
    }
}
