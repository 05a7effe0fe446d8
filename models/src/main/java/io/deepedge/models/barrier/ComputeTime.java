package io.deepedge.models.barrier;

/**
 * The time one device takes to compute one local batch: {@code X = w + (trainingSlowdown - 1) W}, where
 * {@code w} is the standalone time and {@code W} the work done while an LC request was in service, a clipped
 * normal on {@code [0, w]} fitted to the busy process's mean and variance. Deterministic without LC load.
 */
final class ComputeTime {
    private final double standaloneSec;
    private final double extraPerBusySec;
    private final ClippedNormal busyShare;
    private final double meanSec;

    private ComputeTime(double standaloneSec, double extraPerBusySec, ClippedNormal busyShare, double meanSec) {
        this.standaloneSec = standaloneSec;
        this.extraPerBusySec = extraPerBusySec;
        this.busyShare = busyShare;
        this.meanSec = meanSec;
    }

    static ComputeTime fixed(double sec) {
        return new ComputeTime(sec, 0, null, sec);
    }

    /** A batch of {@code standaloneSec} on a device whose LC activity {@code lc} is "on" at the start with probability {@code startBusy}. */
    static ComputeTime of(double standaloneSec, double trainingSlowdown, LcBusyProcess lc, double startBusy) {
        if (standaloneSec <= 0 || lc == null) {
            return fixed(Math.max(0, standaloneSec));
        }
        if (lc.saturated()) {
            return fixed(standaloneSec * trainingSlowdown);
        }
        double[] busy = lc.busyWork(standaloneSec, startBusy);
        double w = standaloneSec;
        ClippedNormal share = ClippedNormal.fit(busy[0] / w, busy[1] / (w * w));
        double extra = (trainingSlowdown - 1) * w;
        return new ComputeTime(w, extra, share, w + extra * share.mean());
    }

    double meanSec() {
        return meanSec;
    }

    /** The shortest the computation can take. */
    double minSec() {
        return standaloneSec;
    }

    /** The longest it can take (an LC request in service throughout). */
    double maxSec() {
        return standaloneSec + extraPerBusySec;
    }

    double cdf(double sec) {
        if (sec < standaloneSec) {
            return 0;
        }
        if (busyShare == null || sec >= standaloneSec + extraPerBusySec) {
            return 1;
        }
        return busyShare.cdf((sec - standaloneSec) / extraPerBusySec);
    }
}
