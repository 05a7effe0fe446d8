package io.deepedge.models.barrier;

import io.deepedge.models.LcLoad;
import io.deepedge.models.ServiceTime;

import java.util.List;

/**
 * The LC activity on one device as its training computation sees it: an on/off process, "on" while any
 * co-located request is in service. Idle periods end at the next arrival (exponential, rate {@code Lambda});
 * a busy period of independent M/G/1 queues has the renewal mean {@code u / (Lambda (1 - u))},
 * {@code u = 1 - prod(1 - rho_a)}, and the normalised second and third moments of the queues' M/G/1 busy
 * periods, weighted by utilisation.
 *
 * <p>While training computes, services run {@code serviceSlowdown} times slower and the computation
 * {@code trainingSlowdown} times slower while "on"; the process is described on the <em>work axis</em>
 * (standalone compute seconds), where a busy period lasts {@code Y / trainingSlowdown}. While the device
 * waits at the barrier or synchronises, services run at full speed (the <em>rest</em> phase, wall seconds).
 *
 * <p>The busy share of a window of work {@code w} that starts "on" with probability {@code p} has the mean
 * {@code u w + (p - u) tau (1 - e^(-w/tau))} and the variance of an on/off process whose indicator decays
 * with relaxation time {@code tau}, the time that reproduces the process's long-run variance rate
 * ({@code Var ~ 2 u (1-u) tau w}). Heavy-tailed busy periods decay faster at first than one exponential
 * allows; the variance used is the mean of that one-exponential value and a two-exponential one that also
 * matches the decay's initial slope and second moment: against the simulator the first is too wide for long
 * computations and the second too narrow for short ones (README, "The cost model").
 */
final class LcBusyProcess {
    private final double computeBusy;
    private final double computeTau;
    private final double[] computeWeights;
    private final double[] computeTaus;
    private final double restBusy;
    private final double restTau;

    private LcBusyProcess(Kernel compute, Kernel rest) {
        this.computeBusy = compute.busy;
        this.computeTau = compute.tau;
        this.computeWeights = compute.weights;
        this.computeTaus = compute.taus;
        this.restBusy = rest.busy;
        this.restTau = rest.tau;
    }

    /**
     * The process of {@code loads} when training slows services by {@code serviceSlowdown} and is slowed by
     * {@code trainingSlowdown}; null when nothing slows the computation (no load, or a slowdown of 1), and
     * {@link #SATURATED} when a slowed service cannot keep up (some {@code rho >= 1}).
     */
    static LcBusyProcess of(List<LcLoad> loads, double serviceSlowdown, double trainingSlowdown) {
        double lambda = 0;
        for (LcLoad l : loads) {
            lambda += l.ratePerSec();
        }
        if (lambda <= 0 || trainingSlowdown <= 1) {
            return null;
        }
        double[] slowed = busyMoments(loads, serviceSlowdown);
        double[] plain = busyMoments(loads, 1.0);
        if (slowed == null || plain == null) {
            return SATURATED;
        }
        double s = trainingSlowdown;
        Kernel compute = Kernel.of(lambda, slowed[0] / s, slowed[1] / (s * s), slowed[2] / (s * s * s));
        Kernel rest = Kernel.of(lambda, plain[0], plain[1], plain[2]);
        return new LcBusyProcess(compute, rest);
    }

    /**
     * The smaller of the busy share at full service speed and the slowed busy share on the work axis
     * (1 when a slowed service cannot keep up, 0 without load or slowdown): what any computation's busy share
     * is at least on average, whatever it started in.
     */
    static double leastBusyShare(List<LcLoad> loads, double serviceSlowdown, double trainingSlowdown) {
        double lambda = 0;
        double idlePlain = 1;
        double idleSlowed = 1;
        for (LcLoad l : loads) {
            double m = l.serviceTime().meanMs() / 1000.0;
            lambda += l.ratePerSec();
            idlePlain *= 1 - Math.min(1, l.ratePerSec() * m);
            idleSlowed *= 1 - Math.min(1, l.ratePerSec() * m * serviceSlowdown);
        }
        if (lambda <= 0 || trainingSlowdown <= 1) {
            return 0;
        }
        if (idleSlowed <= 0) {
            return 1;
        }
        double slowed = 1 - idleSlowed;
        double busyWorkSec = slowed / (lambda * (1 - slowed)) / trainingSlowdown;
        return Math.min(1 - idlePlain, busyWorkSec / (busyWorkSec + 1 / lambda));
    }

    /** Marks a device whose slowed services never empty: it computes at 1/trainingSlowdown throughout. */
    static final LcBusyProcess SATURATED = new LcBusyProcess(Kernel.SATURATED, Kernel.SATURATED);

    boolean saturated() {
        return this == SATURATED;
    }

    /** Busy share while the device computes (work axis), the share a long computation sees. */
    double computeBusy() {
        return computeBusy;
    }

    /** Busy share while the device rests (full-speed services, wall time). */
    double restBusy() {
        return restBusy;
    }

    /**
     * The chance a computation starts "on", when the device alternates between computing {@code workSec} of
     * work and resting {@code restSec}: the periodic fixed point of relaxing towards {@link #computeBusy()}
     * during the computation and towards {@link #restBusy()} during the rest.
     */
    double startBusy(double workSec, double restSec) {
        double a = Math.exp(-workSec / computeTau);
        double b = Math.exp(-restSec / restTau);
        double denominator = 1 - a * b;
        if (denominator < 1e-12) {
            return 0.5 * (restBusy + computeBusy);
        }
        return (restBusy * (1 - b) + computeBusy * (1 - a) * b) / denominator;
    }

    /**
     * The busy work's moments in a window of {@code workSec}, as functions of the start probability: mean and
     * second moments are linear in it, so one window serves every start.
     */
    Window window(double workSec) {
        double w = workSec;
        double u = computeBusy;
        double[] one = secondMomentTerms(u, new double[] {1}, new double[] {computeTau}, w);
        double[] two = secondMomentTerms(u, computeWeights, computeTaus, w);
        double relax = computeTau * (1 - Math.exp(-w / computeTau));
        return new Window(u, w, relax, 0.5 * (one[0] + two[0]), 0.5 * (one[1] + two[1]));
    }

    /**
     * Busy work in a window {@code w}: mean {@code u w + (p - u) relax}, second moment
     * {@code second + (p - u) secondPerStart} (the mean of the one- and two-exponential kernels' values).
     */
    record Window(double busy, double workSec, double relax, double second, double secondPerStart) {
        double[] busyWork(double p) {
            double a = p - busy;
            double mean = busy * workSec + a * relax;
            return new double[] {mean, Math.max(0, second + a * secondPerStart - mean * mean)};
        }
    }

    /**
     * {@code E[W^2] = 2 int_0^w pi(s) [u (w - s) + (1 - u) K(w - s)] ds}, with {@code pi(s) = u + (p - u) c(s)},
     * {@code c(s) = sum theta_i e^(-s/tau_i)} and {@code K(x) = int_0^x c}: its value at {@code p = u} and its
     * slope in {@code p}.
     */
    private static double[] secondMomentTerms(double u, double[] theta, double[] tau, double w) {
        double integralK = 0;
        double integralCw = 0;
        double[] decay = new double[theta.length];
        for (int i = 0; i < theta.length; i++) {
            decay[i] = Math.exp(-w / tau[i]);
            integralK += theta[i] * tau[i] * (w - tau[i] * (1 - decay[i]));
            integralCw += theta[i] * (tau[i] * w - tau[i] * tau[i] * (1 - decay[i]));
        }
        double integralCK = 0;
        for (int i = 0; i < theta.length; i++) {
            for (int j = 0; j < theta.length; j++) {
                double d = 1 / tau[j] - 1 / tau[i];
                double inner = Math.abs(d) < 1e-12 * (1 / tau[i]) ? w * decay[j] : (decay[i] - decay[j]) / d;
                integralCK += theta[i] * theta[j] * tau[j] * (tau[i] * (1 - decay[i]) - inner);
            }
        }
        return new double[] {2 * (u * u * w * w / 2 + u * (1 - u) * integralK),
            2 * (u * integralCw + (1 - u) * integralCK)};
    }

    /**
     * Wall-time moments {@code E[Y], E[Y^2], E[Y^3]} of a busy period of the union of the queues with service
     * times multiplied by {@code slowdown}; null when a queue is unstable.
     */
    private static double[] busyMoments(List<LcLoad> loads, double slowdown) {
        double idle = 1;
        double lambda = 0;
        double weighted2 = 0;
        double weighted3 = 0;
        double weight = 0;
        for (LcLoad l : loads) {
            if (l.ratePerSec() <= 0) {
                continue;
            }
            double[] s = serviceMoments(l.serviceTime(), slowdown);
            double rho = l.ratePerSec() * s[0];
            if (rho >= 1) {
                return null;
            }
            double y1 = s[0] / (1 - rho);
            double y2 = s[1] / Math.pow(1 - rho, 3);
            double y3 = s[2] / Math.pow(1 - rho, 4) + 3 * l.ratePerSec() * s[1] * s[1] / Math.pow(1 - rho, 5);
            idle *= 1 - rho;
            lambda += l.ratePerSec();
            weighted2 += rho * y2 / (y1 * y1);
            weighted3 += rho * y3 / (y1 * y1 * y1);
            weight += rho;
        }
        double u = 1 - idle;
        double mean = u / (lambda * (1 - u));
        return new double[] {mean, mean * mean * weighted2 / weight, mean * mean * mean * weighted3 / weight};
    }

    /** {@code E[S], E[S^2], E[S^3]} in seconds of a service time multiplied by {@code slowdown}. */
    static double[] serviceMoments(ServiceTime st, double slowdown) {
        double m = st.meanMs() / 1000.0 * slowdown;
        if (st instanceof ServiceTime.Exponential) {
            return new double[] {m, 2 * m * m, 6 * m * m * m};
        }
        if (st instanceof ServiceTime.Constant) {
            return new double[] {m, m * m, m * m * m};
        }
        if (st instanceof ServiceTime.Lognormal l) {
            double k = 1 + l.cv() * l.cv();
            return new double[] {m, m * m * k, m * m * m * k * k * k};
        }
        throw new IllegalArgumentException("unsupported service time " + st);
    }

    /**
     * An on/off process with exponential off periods (rate {@code lambda}) and on periods of moments
     * {@code a1, a2, a3}: its on share and the decay of its indicator's autocovariance.
     */
    private record Kernel(double busy, double tau, double[] weights, double[] taus) {
        static final Kernel SATURATED = new Kernel(1, 1, new double[] {1}, new double[] {1});

        static Kernel of(double lambda, double a1, double a2, double a3) {
            double cycle = a1 + 1 / lambda;
            double u = a1 / cycle;
            double spread = u * (1 - u);
            double la = 1 + lambda * a1;
            // int c = tau (long-run variance rate), int s c = second, c'(0) = -1 / slopeTau (transition rate)
            double tau = lambda * a2 / (2 * la * la * la) / spread;
            double second = lambda * (2 * a3 * la - 3 * lambda * a2 * a2) / (12 * la * la * la * la) / spread;
            double slopeTau = a1 / (lambda * cycle);
            double g = 1 / slopeTau;
            if (g * tau > 1.0001) {
                double sum = (g * second - tau) / (g * tau - 1);
                double product = tau * sum - second;
                double disc = sum * sum - 4 * product;
                if (product > 0 && disc > 0) {
                    double root = Math.sqrt(disc);
                    double t1 = (sum - root) / 2;
                    double t2 = (sum + root) / 2;
                    double theta = (t2 - tau) / (t2 - t1);
                    if (t1 > 0 && theta >= 0 && theta <= 1) {
                        return new Kernel(u, tau, new double[] {theta, 1 - theta}, new double[] {t1, t2});
                    }
                }
            }
            return new Kernel(u, tau, new double[] {1}, new double[] {tau});
        }
    }
}
