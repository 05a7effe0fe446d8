package io.deepedge.models.timeline;

/**
 * One row of timeline.csv: device {@code device} was in {@code state} during {@code [fromSec, toSec)}, seconds of
 * the run's clock (simulated, or the testbed's since the run began).
 */
public record TimelineInterval(String device, TrainingState state, double fromSec, double toSec) {
    public TimelineInterval {
        if (!(toSec > fromSec)) {
            throw new IllegalArgumentException("interval of " + device + " must end after it starts: [" + fromSec
                    + ", " + toSec + ")");
        }
    }

    public double lengthSec() {
        return toSec - fromSec;
    }
}
