package io.deepedge.models.barrier;

/**
 * A normal variable clipped to [0, 1]: {@code W = min(1, max(0, Y))}, {@code Y ~ N(mu, s^2)}. Its atoms at 0
 * and 1 and its flat or bell-shaped middle describe the busy share of a compute window: no LC request at all
 * (atom at 0), a request in service throughout (atom at 1), or anything between.
 *
 * <p>Fitted to a mean {@code m} and a variance {@code v = r m (1 - m)} by Newton's method on
 * {@code a = (mu - 1/2) / s} and {@code ln s}, which stay finite both when the variable is nearly
 * deterministic ({@code r -> 0}) and when it is nearly a Bernoulli variable ({@code r -> 1}; {@code r} is
 * capped at 0.99). The start of the iteration comes from a table over {@code (m, r)} computed once by
 * continuation, so a fit takes a few Newton steps.
 */
final class ClippedNormal {
    private static final int MAX_STEPS = 60;
    private static final int POLISH_STEPS = 2;
    /** Residual of the fitted moments, within FastNormal's own accuracy. */
    private static final double TOLERANCE = 1e-8;
    private static final double MAX_SHARE = 0.99;
    /** Standard deviations beyond which the normal's tails are neglected. */
    private static final double SPAN = 7;
    /** Table rows: m = (i + 1/2) / M_ROWS; columns: logit(r) evenly from logit(MIN_SHARE) to logit(MAX_SHARE). */
    private static final int M_ROWS = 50;
    private static final int R_COLUMNS = 40;
    private static final double MIN_SHARE = 1e-6;
    private static final double LOGIT_MIN = Math.log(MIN_SHARE / (1 - MIN_SHARE));
    private static final double LOGIT_MAX = Math.log(MAX_SHARE / (1 - MAX_SHARE));
    private static final double[][] A_TABLE = new double[M_ROWS][R_COLUMNS];
    private static final double[][] T_TABLE = new double[M_ROWS][R_COLUMNS];

    static {
        for (int i = 0; i < M_ROWS; i++) {
            double m = (i + 0.5) / M_ROWS;
            double da = 0;
            double dt = 0;
            for (int k = 0; k < R_COLUMNS; k++) {
                double r = share(k);
                double v = r * m * (1 - m);
                double[] plain = naive(m, v);
                double[] at = newton(m, v, new double[] {plain[0] + da, plain[1] + dt}, MAX_STEPS);
                da = at[0] - plain[0];
                dt = at[1] - plain[1];
                A_TABLE[i][k] = da;
                T_TABLE[i][k] = dt;
            }
        }
    }

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
        double v = Math.min(MAX_SHARE * m * (1 - m), Math.max(1e-14, variance));
        double[] at = newton(m, v, start(m, v), POLISH_STEPS);
        if (!converged(m, v, at)) {
            at = newton(m, v, naive(m, v), MAX_STEPS);
        }
        double sd = Math.exp(at[1]);
        return new ClippedNormal(0.5 + at[0] * sd, sd);
    }

    /**
     * The unclipped normal's parameters plus the clipping's correction interpolated from the table (the
     * correction is smooth, unlike the parameters near {@code r = 0}); the plain start outside the table.
     */
    private static double[] start(double m, double v) {
        double r = v / (m * (1 - m));
        double x = m * M_ROWS - 0.5;
        double y = (Math.log(r / (1 - r)) - LOGIT_MIN) / (LOGIT_MAX - LOGIT_MIN) * (R_COLUMNS - 1);
        if (x < 0 || x > M_ROWS - 1 || y < 0 || y > R_COLUMNS - 1) {
            return naive(m, v);
        }
        int i = Math.min(M_ROWS - 2, (int) x);
        int k = Math.min(R_COLUMNS - 2, (int) y);
        double fx = x - i;
        double fy = y - k;
        double[] plain = naive(m, v);
        return new double[] {plain[0] + bilinear(A_TABLE, i, k, fx, fy), plain[1] + bilinear(T_TABLE, i, k, fx, fy)};
    }

    private static double bilinear(double[][] t, int i, int k, double fx, double fy) {
        return (1 - fx) * ((1 - fy) * t[i][k] + fy * t[i][k + 1]) + fx * ((1 - fy) * t[i + 1][k] + fy * t[i + 1][k + 1]);
    }

    private static double share(int column) {
        double logit = LOGIT_MIN + (LOGIT_MAX - LOGIT_MIN) * column / (R_COLUMNS - 1);
        return 1 / (1 + Math.exp(-logit));
    }

    private static double[] naive(double m, double v) {
        double sd = Math.sqrt(v);
        return new double[] {(m - 0.5) / sd, Math.log(sd)};
    }

    private static boolean converged(double m, double v, double[] at) {
        double[] r = residual(m, v, at[0], at[1]);
        return Math.abs(r[0]) < TOLERANCE && Math.abs(r[1]) < TOLERANCE;
    }

    /** Mean and second moment minus their targets. */
    private static double[] residual(double m, double v, double a, double t) {
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
        double m2 = muc * muc * inside + 2 * muc * sc * (f0 - f1) + sc * sc * (inside + z0 * f0 - z1 * f1) + (1 - p1);
        return new double[] {m1 - m, m2 - (v + m * m)};
    }

    private static double[] newton(double m, double v, double[] start, int steps) {
        double a = start[0];
        double t = start[1];
        for (int step = 0; step < steps; step++) {
            double sc = Math.exp(t);
            double muc = 0.5 + a * sc;
            double z0 = -muc / sc;
            double z1 = (1 - muc) / sc;
            double p0 = FastNormal.cdf(z0);
            double p1 = FastNormal.cdf(z1);
            double f0 = FastNormal.density(z0);
            double f1 = FastNormal.density(z1);
            double inside = p1 - p0;
            double r1 = muc * inside + sc * (f0 - f1) + (1 - p1) - m;
            double r2 = muc * muc * inside + 2 * muc * sc * (f0 - f1) + sc * sc * (inside + z0 * f0 - z1 * f1)
                    + (1 - p1) - (v + m * m);
            if (Math.abs(r1) < TOLERANCE && Math.abs(r2) < TOLERANCE) {
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
        return new double[] {a, t};
    }

    /** Below this P(W <= x) is under 1e-12 (0 itself when the atom at 0 carries mass). */
    double low() {
        return Math.max(0, mu - SPAN * s);
    }

    /** From this on P(W <= x) is within 1e-12 of 1 (1 itself when the atom at 1 carries mass). */
    double high() {
        return Math.min(1, mu + SPAN * s);
    }

    /** P(W <= x). */
    double cdf(double x) {
        if (x < 0) {
            return 0;
        }
        return x >= 1 ? 1 : FastNormal.tabulatedCdf((x - mu) / s);
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
