package io.deepedge.models;

import java.util.List;

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

    /**
     * Poisson arrivals whose rate is piecewise constant: {@code steps} give the rate from each step's time
     * on (the first step starts at 0). Sampled exactly by inverting the cumulative intensity.
     */
    record Steps(List<Step> steps) implements Arrivals {
        public Steps {
            steps = List.copyOf(steps);
            if (steps.isEmpty() || steps.get(0).atSec() != 0) {
                throw new IllegalArgumentException("steps must start at 0 s " + steps);
            }
            for (int i = 1; i < steps.size(); i++) {
                if (!(steps.get(i).atSec() > steps.get(i - 1).atSec())) {
                    throw new IllegalArgumentException("step times must increase " + steps);
                }
            }
        }

        /** The rate of the first step: what is known before anything is monitored. */
        @Override
        public double meanRatePerSec() {
            return steps.get(0).ratePerSec();
        }
    }

    /**
     * One step of a piecewise-constant rate.
     *
     * @param atSec time the rate starts
     * @param ratePerSec the rate from then on (0 allowed: no arrivals)
     */
    record Step(double atSec, double ratePerSec) {
        public Step {
            Checks.nonNegative("atSec", atSec);
            Checks.nonNegative("ratePerSec", ratePerSec);
        }
    }

    /**
     * A recorded request trace replayed exactly: arrivals at the given times (no randomness), optionally
     * repeated with a period so a short trace can drive a long run.
     *
     * @param source where the times come from (file and selection), for reports
     * @param timesSec arrival times in seconds from the start of the run, non-decreasing, at least one
     * @param periodSec repeat the trace every {@code periodSec} (0: replay once)
     */
    record Recorded(String source, List<Double> timesSec, double periodSec) implements Arrivals {
        public Recorded {
            timesSec = List.copyOf(timesSec);
            Checks.nonNegative("periodSec", periodSec);
            if (timesSec.isEmpty()) {
                throw new IllegalArgumentException("a recorded trace needs at least one arrival (" + source + ")");
            }
            for (int i = 1; i < timesSec.size(); i++) {
                if (timesSec.get(i) < timesSec.get(i - 1)) {
                    throw new IllegalArgumentException("trace times must not decrease (" + source + ")");
                }
            }
            if (periodSec > 0 && timesSec.get(timesSec.size() - 1) >= periodSec) {
                throw new IllegalArgumentException("a repeated trace must end before its period (" + source + ")");
            }
        }

        /** Arrivals over the span they cover (the period when repeated). */
        @Override
        public double meanRatePerSec() {
            double span = periodSec > 0 ? periodSec : Math.max(timesSec.get(timesSec.size() - 1), 1e-9);
            return timesSec.size() / span;
        }
    }
}
