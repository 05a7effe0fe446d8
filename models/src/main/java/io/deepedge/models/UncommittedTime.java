package io.deepedge.models;

/**
 * The job's running time since its last committed state (a checkpoint, a rollback, or the start from scratch
 * when there are no checkpoints): what a rollback loses ({@code work_lost_sec}). Shared by the simulator and
 * the hardware runner so both measure lost work alike. Time parked (waiting for a plan) is not running time,
 * but the computation before and after a park is lost alike, so it accumulates across parks.
 */
public final class UncommittedTime {
    private double carriedSec;
    /** When the current running stretch began; NaN while the job does not run. */
    private double runningSinceSec = Double.NaN;

    /** The job runs from {@code nowSec} (no effect when it already runs). */
    public void run(double nowSec) {
        if (Double.isNaN(runningSinceSec)) {
            runningSinceSec = nowSec;
        }
    }

    /** The job stops running at {@code nowSec} (parked or finished); what it ran is kept. */
    public void pause(double nowSec) {
        if (!Double.isNaN(runningSinceSec)) {
            carriedSec += nowSec - runningSinceSec;
            runningSinceSec = Double.NaN;
        }
    }

    /** The state is committed at {@code nowSec}, and the job runs on from it. */
    public void commit(double nowSec) {
        carriedSec = 0;
        runningSinceSec = nowSec;
    }

    public double sec(double nowSec) {
        return carriedSec + (Double.isNaN(runningSinceSec) ? 0 : nowSec - runningSinceSec);
    }
}
