package io.deepedge.models.queueing;

import io.deepedge.models.ServiceTime;
import org.apache.commons.math3.analysis.solvers.BrentSolver;

/**
 * Predicted latency (sojourn = waiting + service) of a FCFS single-server queue with Poisson arrivals,
 * when every service time is inflated by a factor {@code inflation} (interference from co-located training).
 *
 * <p>Method:
 * <ul>
 *   <li><b>M/M/1</b> (exponential service): exact, the sojourn time is exponential with rate {@code mu - lambda}.</li>
 *   <li><b>M/G/1</b> otherwise: the mean wait is Pollaczek-Khinchine's {@code W = lambda E[S^2] / (2 (1 - rho))}.
 *       The waiting-time tail is approximated by {@code P(W > t) = min(rho, c e^{-theta t})}: {@code theta} is
 *       the Cramer-Lundberg decay rate, the root of {@code lambda (M_S(theta) - 1) = theta} (constant
 *       service), and {@code c = theta W} makes the tail's integral equal P-K's mean. Lognormal service has
 *       no moment generating function: there the wait given that it waits is a lognormal fitted to its first
 *       two moments (P-K's mean and Takacs' second moment). The sojourn tail {@code P(W + S > t)} is that tail convolved with
 *       the service time: in closed form for constant service (so quantiles are closed form too), and for
 *       lognormal service by composite Simpson integration over the underlying normal variable.</li>
 * </ul>
 * An unstable queue ({@code rho >= 1}) has infinite quantiles.
 */
public final class LatencyPredictor {
    private LatencyPredictor() {
    }

    /** Server utilisation {@code rho = lambda E[S] inflation}. */
    public static double utilisation(ServiceTime s, double inflation, double ratePerSec) {
        return ratePerSec * s.meanMs() / 1000.0 * inflation;
    }

    /** Mean sojourn time in ms (exact for M/G/1 by Pollaczek-Khinchine); infinite when unstable. */
    public static double meanMs(ServiceTime s, double inflation, double ratePerSec) {
        Queue queue = new Queue(s, inflation, ratePerSec);
        return queue.unstable() ? Double.POSITIVE_INFINITY : 1000.0 * (queue.meanWaitSec + queue.meanServiceSec);
    }

    /** {@code P(latency > tMs)}. */
    public static double tailProbability(ServiceTime s, double inflation, double ratePerSec, double tMs) {
        return new Queue(s, inflation, ratePerSec).tail(tMs / 1000.0);
    }

    /** The {@code q}-quantile of latency in ms, to a relative precision of 1e-9; infinite when unstable. */
    public static double quantileMs(ServiceTime s, double inflation, double ratePerSec, double q) {
        return quantileMs(s, inflation, ratePerSec, q, 1e-9);
    }

    /** The {@code q}-quantile of latency in ms to the given relative precision; infinite when unstable. */
    public static double quantileMs(ServiceTime s, double inflation, double ratePerSec, double q, double precision) {
        return 1000.0 * new Queue(s, inflation, ratePerSec).quantileSec(q, precision);
    }

    /** Whether the {@code q}-quantile is within {@code deadlineMs}: one tail evaluation, no quantile search. */
    public static boolean meetsDeadline(ServiceTime s, double inflation, double ratePerSec, double q,
                                        double deadlineMs) {
        return new Queue(s, inflation, ratePerSec).tailAtMost(deadlineMs / 1000.0, 1 - q);
    }

    /** One queue's derived constants, computed once for any number of tail evaluations. */
    private static final org.apache.commons.math3.distribution.NormalDistribution STANDARD_NORMAL =
            new org.apache.commons.math3.distribution.NormalDistribution(null, 0, 1);

    private static final class Queue {
        private static final int SIMPSON_INTERVALS = 32;
        private static final double Z_MIN = -6.5;

        private final ServiceTime service;
        private final double rate;
        private final double rho;
        private final double meanServiceSec;
        private final double meanWaitSec;
        private final double theta;
        private final double c;
        /** Lognormal service: the waiting time given that it waits, fitted as a lognormal by two moments. */
        private double waitMu;
        private double waitSigma;

        Queue(ServiceTime service, double inflation, double ratePerSec) {
            this.service = service;
            this.rate = ratePerSec;
            this.meanServiceSec = service.meanMs() / 1000.0 * inflation;
            this.rho = ratePerSec * meanServiceSec;
            if (unstable() || ratePerSec == 0) {
                meanWaitSec = ratePerSec == 0 ? 0 : Double.POSITIVE_INFINITY;
                theta = Double.POSITIVE_INFINITY;
                c = 0;
                return;
            }
            meanWaitSec = ratePerSec * meanServiceSec * meanServiceSec * (1 + service.scv()) / (2 * (1 - rho));
            if (service instanceof ServiceTime.Exponential) {
                theta = 1 / meanServiceSec - ratePerSec;
            } else if (service instanceof ServiceTime.Constant) {
                theta = constantServiceDecay(ratePerSec, meanServiceSec);
            } else {
                theta = rho / meanWaitSec;
                fitLognormalWait((ServiceTime.Lognormal) service);
            }
            c = theta * meanWaitSec;
        }

        /**
         * Takacs: {@code E[W^2] = 2 E[W]^2 + lambda E[S^3] / (3 (1 - rho))}; the wait given {@code W > 0}
         * (probability rho) gets a lognormal with those two moments, since a heavy-tailed service time
         * makes the wait heavier-tailed than exponential.
         */
        private void fitLognormalWait(ServiceTime.Lognormal l) {
            double mu = muSec(l);
            double sigma = l.sigma();
            double thirdMoment = Math.exp(3 * mu + 4.5 * sigma * sigma);
            double secondMomentWait = 2 * meanWaitSec * meanWaitSec + rate * thirdMoment / (3 * (1 - rho));
            double m1 = meanWaitSec / rho;
            double m2 = secondMomentWait / rho;
            double s2 = Math.log(Math.max(1 + 1e-9, m2 / (m1 * m1)));
            waitSigma = Math.sqrt(s2);
            waitMu = Math.log(m1) - s2 / 2;
        }

        boolean unstable() {
            return rho >= 1;
        }

        /** {@code P(W > x)} for x >= 0. */
        private double waitAbove(double x) {
            if (waitSigma > 0) {
                return x <= 0 ? rho : rho * 0.5 * erfc((Math.log(x) - waitMu) / (waitSigma * Math.sqrt(2)));
            }
            return Math.min(rho, c * Math.exp(-theta * x));
        }

        /**
         * Whether {@code P(R > t) <= p}. For lognormal service, cheap bounds decide most cases before the
         * integral: {@code R >= S} and {@code R >= W} bound the tail below, and
         * {@code P(S > t/2) + P(W > t/2)} bounds it above.
         */
        boolean tailAtMost(double t, double p) {
            if (unstable()) {
                return false;
            }
            if (service instanceof ServiceTime.Lognormal l && rate > 0 && t > 0) {
                double lower = Math.max(serviceAbove(l, t), waitAbove(t));
                if (lower > p) {
                    return false;
                }
                if (serviceAbove(l, t / 2) + waitAbove(t / 2) <= p) {
                    return true;
                }
            }
            return tail(t) <= p;
        }

        /** mu of the inflated service time's underlying normal, in log-seconds. */
        private double muSec(ServiceTime.Lognormal l) {
            return l.mu() + Math.log(meanServiceSec / l.meanMs());
        }

        private double serviceAbove(ServiceTime.Lognormal l, double t) {
            double mu = muSec(l);
            return 0.5 * erfc((Math.log(t) - mu) / (l.sigma() * Math.sqrt(2)));
        }

        double tail(double t) {
            if (unstable()) {
                return 1.0;
            }
            if (service instanceof ServiceTime.Exponential) {
                return rate == 0 ? Math.exp(-t / meanServiceSec) : Math.exp(-theta * t);
            }
            if (service instanceof ServiceTime.Constant) {
                return t < meanServiceSec ? 1.0 : (rate == 0 ? 0.0 : waitAbove(t - meanServiceSec));
            }
            return lognormalTail((ServiceTime.Lognormal) service, t);
        }

        /** {@code P(S > t) + integral over z < z_t of P(W > t - e^{mu + sigma z}) phi(z) dz}. */
        private double lognormalTail(ServiceTime.Lognormal l, double t) {
            if (t <= 0) {
                return 1.0;
            }
            double mu = muSec(l);
            double sigma = l.sigma();
            double zt = (Math.log(t) - mu) / sigma;
            double serviceAbove = 0.5 * erfc(zt / Math.sqrt(2));
            if (rate == 0 || zt <= Z_MIN) {
                return serviceAbove;
            }
            double h = (zt - Z_MIN) / SIMPSON_INTERVALS;
            double sum = 0;
            for (int i = 0; i <= SIMPSON_INTERVALS; i++) {
                double z = Z_MIN + i * h;
                double weight = i == 0 || i == SIMPSON_INTERVALS ? 1 : (i % 2 == 1 ? 4 : 2);
                double wait = Math.max(0, t - Math.exp(mu + sigma * z));
                sum += weight * waitAbove(wait) * Math.exp(-0.5 * z * z);
            }
            return Math.min(1.0, serviceAbove + sum * h / 3 / Math.sqrt(2 * Math.PI));
        }

        double quantileSec(double q, double precision) {
            if (unstable()) {
                return Double.POSITIVE_INFINITY;
            }
            double p = 1 - q;
            if (service instanceof ServiceTime.Exponential) {
                return -Math.log(p) / (rate == 0 ? 1 / meanServiceSec : theta);
            }
            if (service instanceof ServiceTime.Constant) {
                return meanServiceSec + (rate == 0 || p >= Math.min(rho, c) ? 0 : Math.log(c / p) / theta);
            }
            // R >= S and R >= W bracket the quantile between the larger and the sum of theirs
            ServiceTime.Lognormal l = (ServiceTime.Lognormal) service;
            double mu = muSec(l);
            double serviceQ = Math.exp(mu + l.sigma() * STANDARD_NORMAL.inverseCumulativeProbability(q));
            double waitQ = rate == 0 || p >= rho ? 0
                    : Math.exp(waitMu + waitSigma * STANDARD_NORMAL.inverseCumulativeProbability(1 - p / rho));
            double lo = Math.max(serviceQ, waitQ) * (1 - 1e-6);
            double hi = (serviceQ + waitQ) * (1 + 1e-6);
            while (tail(hi) > p) {
                lo = hi;
                hi *= 2;
            }
            return illinois(lo, hi, p, precision);
        }

        /**
         * Root of {@code ln P(R > t) = ln p} in [lo, hi] by the Illinois variant of regula falsi: the log tail
         * is nearly linear in t (exponential tails), so a few tail evaluations suffice.
         */
        private double illinois(double lo, double hi, double p, double precision) {
            double target = Math.log(p);
            double flo = Math.log(Math.max(tail(lo), 1e-300)) - target;
            double fhi = Math.log(Math.max(tail(hi), 1e-300)) - target;
            int side = 0;
            for (int i = 0; i < 100 && hi - lo > precision * hi; i++) {
                double t = flo == fhi ? 0.5 * (lo + hi) : (lo * fhi - hi * flo) / (fhi - flo);
                if (!(t > lo && t < hi)) {
                    t = 0.5 * (lo + hi);
                }
                double ft = Math.log(Math.max(tail(t), 1e-300)) - target;
                if (ft > 0) {
                    lo = t;
                    flo = ft;
                    if (side == -1) {
                        fhi /= 2;
                    }
                    side = -1;
                } else {
                    hi = t;
                    fhi = ft;
                    if (side == 1) {
                        flo /= 2;
                    }
                    side = 1;
                }
                if (Math.abs(ft) < 1e-12) {
                    return t;
                }
            }
            return hi;
        }
    }

    /**
     * Complementary error function by the Chebyshev fit of Numerical Recipes ({@code erfcc}, fractional
     * error below 1.2e-7): planning evaluates it for every co-located service, and Commons Math's
     * incomplete-gamma route costs microseconds per call.
     */
    static double erfc(double x) {
        double z = Math.abs(x);
        double t = 1.0 / (1.0 + 0.5 * z);
        double ans = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? ans : 2.0 - ans;
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
}
