package io.deepedge.models;

/** How requests arrive at an LC service instance. */
public sealed interface Arrivals {
    /** Long-run mean arrival rate, the planning input when nothing is monitored yet. */
    double meanRatePerSec();

    /** Homogeneous Poisson arrivals. */
    record Poisson(double ratePerSec) implements Arrivals {
        public Poisson {
            Checks.positive("ratePerSec", ratePerSec);
        }

        @Override
        public double meanRatePerSec() {
            return ratePerSec;
        }
    }
}
