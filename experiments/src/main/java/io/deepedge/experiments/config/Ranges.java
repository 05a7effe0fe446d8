package io.deepedge.experiments.config;

/**
 * The accepted range of every numeric config field, in one place (README's config reference lists them). The
 * upper ends are far beyond any real experiment and keep every run finite and free of overflow: times stay where
 * the simulated clock resolves microseconds, counts stay where {@code long} and {@code int} arithmetic is exact,
 * and the work of a run (iterations, monitoring intervals, failures) stays countable. Memory is checked per grid
 * point by {@link RunMemory}.
 */
final class Ranges {
    /** About 3 years: a double clock still resolves 15 ns there. */
    static final double MAX_SEC = 1e8;
    static final double MAX_MS = MAX_SEC * 1000;
    static final double MAX_RATE_PER_SEC = 1e9;
    static final double MAX_MIB = 1e9;
    static final double MAX_SAMPLES_PER_SEC = 1e9;

    /** A duration that must pass: horizonSec, downSec, intervalSec, mtbfSec, mttrSec; metrics.toSec (after 0). */
    static final Bound DURATION_SEC = Bound.openClosed(0, MAX_SEC);
    /**
     * A point in time or an optional delay: atSec, submitAtSec, checkpointEverySec, heartbeatTimeoutSec,
     * metrics.fromSec.
     */
    static final Bound TIME_SEC = Bound.closed(0, MAX_SEC);
    /**
     * deadlineMs and service times; a nanosecond at least, so that a service time's quantiles stay positive in
     * double precision (the latency predictor brackets them by doubling from there).
     */
    static final Bound DURATION_MS = Bound.closed(1e-6, MAX_MS);
    /** One-way link latency: 100 s is beyond any network. */
    static final Bound LATENCY_MS = Bound.closed(0, 1e5);
    /** A device's own work per synchronisation round or per shard sample (roundOverheadMs, shardLoadMsPerSample). */
    static final Bound DEVICE_WORK_MS = Bound.closed(0, 1e5);
    static final Bound RATE_PER_SEC = Bound.openClosed(0, MAX_RATE_PER_SEC);
    static final Bound STEP_RATE_PER_SEC = Bound.closed(0, MAX_RATE_PER_SEC);
    /** Training throughput: the lower end keeps a job's compute time finite (samples / throughput). */
    static final Bound SAMPLES_PER_SEC = Bound.closed(1e-6, MAX_SAMPLES_PER_SEC);
    static final Bound MEMORY_MIB = Bound.openClosed(0, MAX_MIB);
    static final Bound MEMORY_MIB_OR_ZERO = Bound.closed(0, MAX_MIB);
    static final Bound SLOWDOWN = Bound.closed(1, 1000);
    /** 1 kbit/s to 10 Tbit/s; the lower end keeps transfer times finite. */
    static final Bound BANDWIDTH_MBPS = Bound.closed(1e-3, 1e7);
    /** Lognormal coefficient of variation: beyond 100 the distribution's variance overflows doubles. */
    static final Bound CV = Bound.openClosed(0, 100);
    static final Bound RATE_SCALE = Bound.closed(1e-6, 1e6);
    static final Bound BAND_FRACTION = Bound.closed(0, 1000);
    /** A testbed agent's CPU quota in cores: the kernel's smallest CFS quota (1 ms per 100 ms) up to a large server. */
    static final Bound TESTBED_CPUS = Bound.closed(0.01, 1024);
    /** A profiled agent's CPU while idle, cores (below its quota, which the profile's device checks). */
    static final Bound IDLE_CPU_CORES = Bound.closed(0, 1024);
    /** The CFS periods the kernel accepts. */
    static final Bound CFS_PERIOD_MS = Bound.closed(1, 1000);

    static final LongRange SAMPLES = new LongRange(1, 1_000_000_000_000L);
    static final LongRange EPOCHS = new LongRange(1, 1_000_000);
    /** Global and profiled local batches. */
    static final LongRange BATCH = new LongRange(1, 10_000_000);
    static final LongRange HOST_CORES = new LongRange(1, 1_000_000);
    /** 10 TB: beyond the largest models; bytes x 8 stays exact in a double. */
    static final LongRange PARAMETER_BYTES = new LongRange(0, 10_000_000_000_000L);
    static final LongRange SAMPLE_BYTES = new LongRange(0, 10_000_000_000L);
    static final LongRange SEASON_INTERVALS = new LongRange(1, 10_000);
    static final LongRange TRACE_ROW = new LongRange(1, Integer.MAX_VALUE);

    /** Synchronous iterations of a job, ceil(samples / batchSize) x epochs: each is several simulator events. */
    static final long MAX_ITERATIONS = 100_000_000;
    /**
     * Monitoring intervals of a run, horizonSec / intervalSec: the forecasters refit each instance's whole history
     * every interval, so the work grows with the square of this.
     */
    static final long MAX_INTERVALS = 10_000;
    /** Devices of a grid point after count expansion: the largest shipped config (scale-10k) has this many. */
    static final long MAX_DEVICES = 10_000;
    /** Expected stochastic failures of one device in a run, horizonSec / (mtbfSec + mttrSec): each re-plans. */
    static final double MAX_FAILURES_PER_DEVICE = 10_000;

    private Ranges() {
    }
}
