package io.deepedge.models;

/**
 * The extra work of a request that finds its server idle: caches, branch predictors and the core's state were left
 * by other work, so the first request of a busy period costs more than one that follows another (measured by
 * {@code HwBench coldstart}: LeNet batch 1 took 2.2-2.9 ms of CPU back to back, 3.0-3.5 ms after 10-200 ms idle).
 * The extra grows with the idle time before the request, {@code extraMs (1 - exp(-idle / recoveryMs))}; with
 * {@code recoveryMs = 0} every request that finds the server idle pays all of it (Welch's exceptional first
 * service). Requests that queue behind another pay nothing.
 *
 * @param extraMs the extra work after a long idle time, in ms at full speed (0 = none)
 * @param recoveryMs the idle time over which the extra builds up (time constant), in ms; 0 = at once
 */
public record ColdStart(double extraMs, double recoveryMs) {
    /** No extra work. */
    public static final ColdStart NONE = new ColdStart(0, 0);

    public ColdStart {
        Checks.nonNegative("coldStart.extraMs", extraMs);
        Checks.nonNegative("coldStart.recoveryMs", recoveryMs);
    }

    /** The extra seconds of work of a request that starts a busy period after {@code idleSec} of idle server. */
    public double extraSec(double idleSec) {
        if (extraMs == 0 || !(idleSec > 0)) {
            return 0;
        }
        return recoveryMs == 0 ? extraMs / 1000 : extraMs / 1000 * -Math.expm1(-idleSec * 1000 / recoveryMs);
    }
}
