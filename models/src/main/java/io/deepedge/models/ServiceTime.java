package io.deepedge.models;

/**
 * Standalone service-time distribution of an LC service on one device (before interference).
 * Sealed so every consumer (sampler, latency predictor) handles each family explicitly.
 */
public sealed interface ServiceTime {
    double meanMs();

    /** Squared coefficient of variation: variance / mean^2. */
    double scv();

    /** Exponentially distributed service time. */
    record Exponential(double meanMs) implements ServiceTime {
        public Exponential {
            Checks.positive("meanMs", meanMs);
        }

        @Override
        public double scv() {
            return 1.0;
        }
    }

    /** Deterministic service time. */
    record Constant(double ms) implements ServiceTime {
        public Constant {
            Checks.positive("ms", ms);
        }

        @Override
        public double meanMs() {
            return ms;
        }

        @Override
        public double scv() {
            return 0.0;
        }
    }

    /** Lognormal service time given by its mean and coefficient of variation. */
    record Lognormal(double meanMs, double cv) implements ServiceTime {
        public Lognormal {
            Checks.positive("meanMs", meanMs);
            Checks.positive("cv", cv);
        }

        @Override
        public double scv() {
            return cv * cv;
        }

        /** sigma of the underlying normal. */
        public double sigma() {
            return Math.sqrt(Math.log1p(cv * cv));
        }

        /** mu of the underlying normal, in log-milliseconds. */
        public double mu() {
            return Math.log(meanMs) - 0.5 * sigma() * sigma();
        }
    }
}
