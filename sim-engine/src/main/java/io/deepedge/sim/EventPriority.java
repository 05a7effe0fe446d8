package io.deepedge.sim;

/**
 * Named priorities of simultaneous events (lower runs first; equal priorities run FIFO): state changes of
 * the cluster first, then completions, then new arrivals, so a request arriving at the instant a device
 * fails is lost rather than served.
 */
final class EventPriority {
    static final double DEVICE_STATE = 0;
    static final double COMPLETION = 1;
    static final double TRAINING = 2;
    /** A collector pause ends: after the work that finished with it, before the budget it ends with is spent. */
    static final double COLLECTOR_PAUSE = 2.1;
    /** A CPU budget spent or refilled: after the work that finished with it, before arrivals at the instant. */
    static final double CPU_BUDGET = 2.2;
    /** After completions at the window's end (they count), before arrivals at it (they do not). */
    static final double WINDOW_END = 2.5;
    static final double ARRIVAL = 3;
    static final double HORIZON = 9;

    private EventPriority() {
    }
}
