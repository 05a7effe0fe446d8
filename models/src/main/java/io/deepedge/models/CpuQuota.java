package io.deepedge.models;

/**
 * The CPU bandwidth limit a device's figures were measured under: Linux CFS gives the device's processes
 * {@code cpus x periodMs} of CPU time per period of {@code periodMs}, on a host of {@code hostCores} cores. Inside a
 * period its threads run at full core speed, each on its own core while there are cores; once the period's
 * budget is spent every thread of the device stops until the next period. So the quota shapes time, not just the
 * mean: a request that arrives while training has spent the budget waits for the next period.
 *
 * <p>{@link #NONE} (the default) means the figures are averages with no such limit behind them, as for the
 * catalog's real devices.
 *
 * @param cpus the device's share, cores (budget per period over the period)
 * @param periodMs the CFS period
 * @param hostCores cores of the host its threads run on: threads beyond them share them
 * @param idleCores CPU the device's process uses whatever its requests and training do (an agent's heartbeats,
 *        metrics, runtime threads), spent from the same budget; below {@code cpus}
 * @param colocation how the device's training and services cost more or less together than the budget alone says
 *        ({@link ColocationTerms#NONE}: as it says)
 * @param speedSpread how much the work per CPU second of the host moves from one run to the next: the standard
 *        deviation of its logarithm (0.07: a run's work costs about 7 % more or less CPU than the profile's median);
 *        the simulator draws one factor per host and replication ({@code DeviceSim}). 0: every run at the profile's
 *        figures
 * @param speedTrace how that work per CPU second moves within a run ({@link HostSpeedTrace#NONE}: it does not); with
 *        a series the simulator replays it on the host, times the run's draw
 */
public record CpuQuota(double cpus, double periodMs, int hostCores, double idleCores, ColocationTerms colocation,
                       double speedSpread, HostSpeedTrace speedTrace) {
    /** The largest speed spread accepted: a run at e^1 (2.7x) the median cost one time in six is no machine's. */
    public static final double MAX_SPEED_SPREAD = 1;

    /** No bandwidth limit modelled. */
    public static final CpuQuota NONE = new CpuQuota(Double.POSITIVE_INFINITY, 100, Integer.MAX_VALUE);

    public CpuQuota {
        if (cpus != Double.POSITIVE_INFINITY) {  // infinity: NONE, no limit
            Checks.positive("cpus", cpus);
        }
        Checks.positive("periodMs", periodMs);
        if (hostCores < 1) {
            throw new IllegalArgumentException("hostCores must be at least 1, got " + hostCores);
        }
        Checks.nonNegativeBelow("idleCores (below cpus)", cpus, idleCores);
        colocation = colocation == null ? ColocationTerms.NONE : colocation;
        checkSpeedSpread(speedSpread);
        speedTrace = speedTrace == null ? HostSpeedTrace.NONE : speedTrace;
    }

    /** A limit on a host whose speed does not move within a run. */
    public CpuQuota(double cpus, double periodMs, int hostCores, double idleCores, ColocationTerms colocation,
                    double speedSpread) {
        this(cpus, periodMs, hostCores, idleCores, colocation, speedSpread, HostSpeedTrace.NONE);
    }

    /** {@code spread} if it is a speed spread the model takes, in [0, {@link #MAX_SPEED_SPREAD}]; else refused. */
    public static double checkSpeedSpread(double spread) {
        if (!(spread >= 0 && spread <= MAX_SPEED_SPREAD)) {
            throw new IllegalArgumentException("speedSpread must be in [0, " + MAX_SPEED_SPREAD + "], got " + spread);
        }
        return spread;
    }

    /** A limit on a host whose speed does not move between runs. */
    public CpuQuota(double cpus, double periodMs, int hostCores, double idleCores, ColocationTerms colocation) {
        this(cpus, periodMs, hostCores, idleCores, colocation, 0);
    }

    /** A limit whose device's work together costs what the budget says. */
    public CpuQuota(double cpus, double periodMs, int hostCores, double idleCores) {
        this(cpus, periodMs, hostCores, idleCores, ColocationTerms.NONE);
    }

    /** A limit whose process uses nothing while idle. */
    public CpuQuota(double cpus, double periodMs, int hostCores) {
        this(cpus, periodMs, hostCores, 0);
    }

    /** Whether a limit is modelled. */
    public boolean limited() {
        return Double.isFinite(cpus);
    }

    /** CPU seconds the device may use per period. */
    public double budgetSec() {
        return cpus * periodMs / 1000;
    }

    public double periodSec() {
        return periodMs / 1000;
    }

    /**
     * The native threads training computes with under this quota: one per whole core, at least one (the agents'
     * {@code OMP_NUM_THREADS}, README "Device agents, load and CPU quotas").
     */
    public int trainingThreads() {
        return limited() ? Math.max(1, (int) Math.floor(cpus + 1e-9)) : 1;
    }

    /**
     * The threads a stop-the-world collection runs on under this quota: the agents' JVM sizes its collector by
     * {@code -XX:ActiveProcessorCount}, the quota rounded up (README "Device agents, load and CPU quotas"), and they
     * cannot use more cores than the host has.
     */
    public int collectorThreads() {
        return limited() ? Math.min(hostCores, Math.max(1, (int) Math.ceil(cpus - 1e-9))) : 1;
    }

    /**
     * The cores training uses on average when it computes back to back under this quota: what its threads can use,
     * at most its part of the quota. Its profiled throughput is measured so, which makes it CPU work at this rate.
     * The idle process's work arrives at {@code idleCores} whatever training does, and what arrives while the budget
     * is spent runs at the refill: a period spent to the end gives it {@code idleCores} of every period, and training
     * the rest.
     */
    public double averageTrainingCores() {
        if (!limited()) {
            return 1.0;
        }
        return Math.min(Math.min(trainingThreads(), hostCores), cpus - idleCores);
    }
}
