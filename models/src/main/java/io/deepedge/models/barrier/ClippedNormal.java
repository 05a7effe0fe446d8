package io.deepedge.models.barrier;

/**
 * A normal variable clipped to [0, 1]: {@code W = min(1, max(0, Y))}, {@code Y ~ N(mu, s^2)}. Its atoms at 0
 * and 1 and its flat or bell-shaped middle describe the busy share of a compute window: no LC request at all
 * (atom at 0), a request in service throughout (atom at 1), or anything between. Fitted to a mean and a
 * variance by Newton's method on {@code a = (mu - 1/2) / s} and {@code ln s}, which stay finite both when
 * the variable is nearly deterministic and when it is nearly a Bernoulli variable.
 */
final class ClippedNormal {
    private static final int MAX_STEPS = 60;

    private final double mu;
    private final double s;

    private ClippedNormal(double mu, double s) {
        this.mu = mu;
        this.s = s;
    }

    /**
     * The clipped normal with mean {@code mean} and variance {@code variance}; both are first brought into
     * the attainable range {@code 0 < mean < 1}, {@code 0 < variance < mean (1 - mean)}.
     */
    static ClippedNormal fit(double mean, double variance) {
        double m = Math.min(1 - 1e-9, Math.max(1e-9, mean));
        double v = Math.min(0.999 * m * (1 - m), Math.max(1e-14, variance));
        double target2 = v + m * m;
        double sd = Math.sqrt(v);
        double a = (m - 0.5) / sd;
        double t = Math.log(sd);
        for (int step = 0; step < MAX_STEPS; step++) {
            double sc = Math.exp(t);
            double muc = 0.5 + a * sc;
            double z0 = -muc / sc;
            double z1 = (1 - muc) / sc;
            double p0 = FastNormal.cdf(z0);
            double p1 = FastNormal.cdf(z1);
            double f0 = FastNormal.density(z0);
            double f1 = FastNormal.density(z1);
            double inside = p1 - p0;
            double m1 = muc * inside + sc * (f0 - f1) + (1 - p1);
            double m2 = muc * muc * inside + 2 * muc * sc * (f0 - f1)
                    + sc * sc * (inside + z0 * f0 - z1 * f1) + (1 - p1);
            double r1 = m1 - m;
            double r2 = m2 - target2;
            if (Math.abs(r1) < 1e-11 && Math.abs(r2) < 1e-11) {
                break;
            }
            // derivatives with respect to mu and s, then to a and t = ln s (mu = 1/2 + a s)
            double dm1Mu = inside;
            double dm1S = f0 - f1;
            double dm2Mu = 2 * muc * inside + 2 * sc * (f0 - f1);
            double dm2S = 2 * muc * (f0 - f1) + 2 * sc * (inside + z0 * f0 - z1 * f1);
            double j11 = sc * dm1Mu;
            double j12 = sc * dm1S + a * sc * dm1Mu;
            double j21 = sc * dm2Mu;
            double j22 = sc * dm2S + a * sc * dm2Mu;
            double det = j11 * j22 - j12 * j21;
            if (!(Math.abs(det) > 1e-300)) {
                break;
            }
            double da = (r1 * j22 - r2 * j12) / det;
            double dt = (j11 * r2 - j21 * r1) / det;
            double scale = Math.max(1, Math.max(Math.abs(da), Math.abs(dt)) / 0.5);
            a -= da / scale;
            t -= dt / scale;
        }
        double sFinal = Math.exp(t);
        return new ClippedNormal(0.5 + a * sFinal, sFinal);
    }

    /** P(W <= x). */
    double cdf(double x) {
        if (x < 0) {
            return 0;
        }
        return x >= 1 ? 1 : FastNormal.cdf((x - mu) / s);
    }

    double mean() {
        double z0 = -mu / s;
        double z1 = (1 - mu) / s;
        double p1 = FastNormal.cdf(z1);
        return mu * (p1 - FastNormal.cdf(z0)) + s * (FastNormal.density(z0) - FastNormal.density(z1)) + (1 - p1);
    }

    double variance() {
        double z0 = -mu / s;
        double z1 = (1 - mu) / s;
        double p0 = FastNormal.cdf(z0);
        double p1 = FastNormal.cdf(z1);
        double f0 = FastNormal.density(z0);
        double f1 = FastNormal.density(z1);
        double m1 = mean();
        double m2 = mu * mu * (p1 - p0) + 2 * mu * s * (f0 - f1) + s * s * ((p1 - p0) + z0 * f0 - z1 * f1) + (1 - p1);
        return m2 - m1 * m1;
    }
}
