package io.deepedge.sim;

/**
 * A piece of work measured in standalone seconds that progresses at a rate that may change while it
 * lasts (interference is a rate change, not an average).
 */
final class Work {
    private double remainingSec;
    private double rate = 1.0;
    private double lastUpdateSec;

    Work(double standaloneSec, double nowSec, double rate) {
        this.remainingSec = standaloneSec;
        this.lastUpdateSec = nowSec;
        this.rate = rate;
    }

    /** Starts a new piece of work in this object (queues reuse one per server instead of allocating). */
    Work restart(double standaloneSec, double nowSec, double newRate) {
        remainingSec = standaloneSec;
        lastUpdateSec = nowSec;
        rate = newRate;
        return this;
    }

    /** Brings the remaining work up to {@code nowSec} and switches to {@code newRate}. */
    void changeRate(double nowSec, double newRate) {
        remainingSec = Math.max(0.0, remainingSec - (nowSec - lastUpdateSec) * rate);
        lastUpdateSec = nowSec;
        rate = newRate;
    }

    /** Adds {@code moreSec} of standalone work, brought up to {@code nowSec} at the current rate first. */
    Work add(double nowSec, double moreSec) {
        changeRate(nowSec, rate);
        remainingSec += moreSec;
        return this;
    }

    /** Simulated seconds from the last update until the work completes at the current rate (infinite when stalled). */
    double delaySec() {
        return rate > 0 ? remainingSec / rate : Double.POSITIVE_INFINITY;
    }

    /** Whether the work makes no progress now (its device's CPU budget is spent). */
    boolean stalled() {
        return rate <= 0;
    }

    double rate() {
        return rate;
    }
}
