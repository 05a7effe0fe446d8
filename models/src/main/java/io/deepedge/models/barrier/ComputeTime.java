package io.deepedge.models.barrier;

/**
 * The time one device takes to compute one local batch: {@code X = w + (trainingSlowdown - 1) W}, where
 * {@code w} is the standalone time and {@code W} the work done while an LC request was in service, a clipped
 * normal on {@code [0, w]} fitted to the busy process's mean and variance. Deterministic without LC load.
 */
final class ComputeTime implements ComputeDistribution {
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

    /**
     * A batch whose busy work is described by {@code window} (its standalone time is the window's length),
     * when LC activity is "on" at the start with probability {@code startBusy}.
     */
    static ComputeTime of(LcBusyProcess.Window window, double trainingSlowdown, double startBusy) {
        double[] busy = window.busyWork(startBusy);
        double w = window.workSec();
        ClippedNormal share = ClippedNormal.fit(busy[0] / w, busy[1] / (w * w));
        double extra = (trainingSlowdown - 1) * w;
        return new ComputeTime(w, extra, share, w + extra * share.mean());
    }

    @Override
    public double meanSec() {
        return meanSec;
    }

    /** Where the distribution starts: the standalone time, or where the normal's lower tail ends. */
    @Override
    public double minSec() {
        return busyShare == null ? standaloneSec : standaloneSec + extraPerBusySec * busyShare.low();
    }

    /** Where it ends: an LC request in service throughout, or where the normal's upper tail ends. */
    @Override
    public double maxSec() {
        return busyShare == null ? standaloneSec + extraPerBusySec
                : standaloneSec + extraPerBusySec * busyShare.high();
    }

    @Override
    public double cdf(double sec) {
        if (sec < standaloneSec) {
            return 0;
        }
        if (busyShare == null || sec >= standaloneSec + extraPerBusySec) {
            return 1;
        }
        return busyShare.cdf((sec - standaloneSec) / extraPerBusySec);
    }
}
