package io.deepedge.sim;

import io.deepedge.models.CpuQuota;
import umontreal.ssj.simevents.Event;
import umontreal.ssj.simevents.Simulator;

/**
 * Linux CFS bandwidth control on one device: each period refills a budget of CPU seconds; the device's runnable
 * threads spend it at one core each (sharing the host's cores when there are more of them) and, when it is
 * spent, all of them stop until the next period. A request that arrives then waits for the refill, which an
 * averaged slowdown cannot show: this is the LC tail beside training on a quota-limited agent.
 *
 * <p>The kernel gives no carry-over between periods (no burst). Period boundaries sit at {@code phaseSec + k x
 * period}: a cgroup's period timer runs from whenever the group was set up, so the twin draws the phase.
 *
 * <p>The device's idle process (the agent's heartbeats, metrics and runtime threads, {@link CpuQuota#idleCores}) is
 * work that arrives at a steady rate whatever the rest does, not a share of the time the device runs: what arrives
 * while the budget is spent waits, and its threads, woken meanwhile, run at the refill beside the rest (one thread)
 * until they have caught up. They are short sleepers, which the kernel runs as soon as they wake, so they are served
 * first out of the cores the host gives the device, and the rest of its work shares what is left. So a device
 * throttled period after period still gives its idle process {@code idleCores} of every period, and the rest gets
 * what is left.
 */
final class CfsBandwidth {
    /**
     * The budget runs out this much after it is computed to: when it ends exactly as a request or a batch does
     * (equal figures on a grid), rounding must not leave that work a few ulps short, waiting a whole period.
     */
    private static final double TIE_SEC = 1e-12;
    private final CpuQuota quota;
    private final Simulator sim;
    private final HostCpu host;
    /** This device's index on its host (its share of the host's cores). */
    private final int hostIndex;
    private final Runnable onSpeedChanged;
    private final PeriodStarted periodStarted;
    private final BudgetSpent budgetSpent;
    private final IdleCaughtUp idleCaughtUp;
    private double budgetSec;
    private double lastUpdateSec;
    /** Cores the runnable work would use without a limit: training's threads, each serving instance's cores. */
    private double demandCores;
    /** The idle process: whether it exists (the agent is up) and whether its threads may run (no collector pause). */
    private boolean idleUp;
    private boolean idleRuns;
    /** CPU seconds of idle work arrived and not yet done: it builds up while the idle process cannot run. */
    private double idleBacklogSec;
    private boolean throttled;
    private double cpuSecUsed;
    /** The periods that end in [countFromSec, countToSec], and those among them whose budget ran out. */
    private double countFromSec = Double.NEGATIVE_INFINITY;
    private double countToSec = Double.POSITIVE_INFINITY;
    private boolean throttledThisPeriod;
    private long periodsCounted;
    private long throttledCounted;
    /** CPU seconds used by the first and the latest counted period end (NaN before one). */
    private double cpuSecAtFirstBoundary = Double.NaN;
    private double cpuSecAtLastBoundary = Double.NaN;

    /**
     * @param host the cores this device shares with the other quota-limited devices of the run
     * @param onSpeedChanged runs when the device's work changes speed: its budget was spent or refilled, or the
     *                       host's share changed
     */
    CfsBandwidth(CpuQuota quota, Simulator sim, HostCpu host, Runnable onSpeedChanged) {
        if (!quota.limited()) {
            throw new IllegalArgumentException("no CPU bandwidth limit to model");
        }
        this.quota = quota;
        this.sim = sim;
        this.host = host;
        this.onSpeedChanged = onSpeedChanged;
        this.periodStarted = new PeriodStarted(sim);
        this.budgetSpent = new BudgetSpent(sim);
        this.idleCaughtUp = new IdleCaughtUp(sim);
        this.hostIndex = host.join(this);
    }

    /** Starts the periods: a full budget now, the first refill {@code phaseSec} from now. */
    void start(double phaseSec) {
        budgetSec = quota.budgetSec();
        lastUpdateSec = sim.time();
        periodStarted.schedule(phaseSec);
        scheduleSpent();
    }

    /**
     * The speed of the runnable work other than the idle process, as a fraction of its unshared speed: 0 while
     * throttled, below 1 while the host's runnable work demands more cores than it has or the idle process, served
     * first, takes part of the device's share.
     */
    double threadSpeed() {
        if (throttled) {
            return 0.0;
        }
        double idle = idleCpuCores();
        if (demandCores <= 0 || idle == 0) {
            // nothing but the idle process runs (the speed a new piece of work starts at), or no idle process: every
            // piece of work at the host's speed, exactly (devices without an idle figure keep their results)
            return host.speed(hostIndex);
        }
        return (shareCores() - idle) / demandCores;
    }

    /**
     * The device's work per CPU second beside what the host's other devices run now, as a fraction of its speed
     * with the other cores idle ({@link HostCpu#coRunnerSpeed}).
     */
    double coRunnerSpeed() {
        return host.coRunnerSpeed(hostIndex);
    }

    /** This device's work per CPU second while the others use {@code otherCoresBusy} of {@code otherCores}. */
    double coRunnerSpeedAt(double otherCoresBusy, int otherCores) {
        return quota.colocation().coRunnerSpeedAt(otherCoresBusy, otherCores);
    }

    /** The cores the host gives the device now: its runnable demand at the host's speed for it. */
    private double shareCores() {
        return runnableDemandCores() * host.speed(hostIndex);
    }

    /** The cores the idle process uses now: its demand, first served out of the device's share. */
    private double idleCpuCores() {
        return throttled ? 0.0 : Math.min(idleDemandCores(), shareCores());
    }

    /**
     * The runnable work changed (a request or a batch started or ended, the agent went down or came up, a collector
     * pause began or ended): it now demands {@code cores} besides the idle process, which exists while
     * {@code idleUp} (gone with the agent, its backlog too) and may run while {@code idleRuns}.
     */
    void demandChanged(double cores, boolean idleUp, boolean idleRuns) {
        host.change(this, () -> {
            demandCores = cores;
            this.idleUp = idleUp;
            this.idleRuns = idleUp && idleRuns;
            if (!idleUp) {
                idleBacklogSec = 0;
            }
        });
    }

    /** The cores the idle process demands now: one thread while it has work waiting, else its steady rate. */
    private double idleDemandCores() {
        if (!idleRuns) {
            return 0.0;
        }
        return idleBacklogSec > 0 ? 1.0 : quota.idleCores();
    }

    /**
     * Counts the periods that end in {@code [fromSec, toSec]} (a metrics window), and among them those whose budget
     * ran out, as the kernel's {@code nr_throttled} counts them.
     */
    void countOver(double fromSec, double toSec) {
        countFromSec = fromSec;
        countToSec = toSec;
    }

    /**
     * The periods counted so far ({@link #countOver}), with the CPU used between the first and the last period
     * boundary of the window in cores (NaN until a whole period lies in it).
     */
    io.deepedge.models.CfsCounts counts() {
        double cores = periodsCounted < 2 ? Double.NaN
                : (cpuSecAtLastBoundary - cpuSecAtFirstBoundary) / ((periodsCounted - 1) * quota.periodSec());
        return new io.deepedge.models.CfsCounts(periodsCounted, throttledCounted, Math.max(0.0, cores));
    }

    /** CPU seconds the device's threads have used so far. */
    double cpuSecUsed() {
        charge();
        return cpuSecUsed;
    }

    /** When the device's threads can next run: now, or the next period's start while the budget is spent. */
    double runnableAtSec() {
        return throttled ? periodStarted.time() : sim.time();
    }

    /** Cores this device's work would take of the host now (none while throttled). */
    double runnableDemandCores() {
        return throttled ? 0.0 : demandCores + idleDemandCores();
    }

    /**
     * Brings the budget, the CPU used and the idle backlog up to now at the speed in force since the last update.
     */
    void charge() {
        double now = sim.time();
        double elapsedSec = now - lastUpdateSec;
        double used = elapsedSec * shareCores();
        budgetSec -= used;
        cpuSecUsed += used;
        idleBacklogSec = Math.max(0.0, idleBacklogSec + elapsedSec * idleBacklogGrowth());
        lastUpdateSec = now;
    }

    /**
     * How fast the idle backlog grows, CPU seconds per second: by the idle rate while the idle process cannot run,
     * down by what its thread does beyond that rate while it catches up, 0 once caught up (its work is then done as
     * it arrives).
     */
    private double idleBacklogGrowth() {
        if (!idleUp) {
            return 0.0;
        }
        if (!idleRuns || throttled) {
            return quota.idleCores();
        }
        return idleBacklogSec > 0 ? quota.idleCores() - idleCpuCores() : 0.0;
    }

    /**
     * Re-times the end of the budget, and when the idle process will have caught up, at the current demand and
     * speed.
     */
    void scheduleSpent() {
        budgetSpent.cancel();
        double cores = shareCores();
        if (cores > 0) {
            budgetSpent.schedule(Math.max(0.0, budgetSec / cores) + TIE_SEC);
        }
        idleCaughtUp.cancel();
        double drainPerSec = -idleBacklogGrowth();
        if (idleBacklogSec > 0 && drainPerSec > 0) {
            idleCaughtUp.schedule(idleBacklogSec / drainPerSec);
        }
    }

    void speedChanged() {
        onSpeedChanged.run();
    }

    private void spend() {
        throttledThisPeriod = true;
        host.change(this, () -> {
            cpuSecUsed += budgetSec;  // the rounding left in the budget (either sign) was used too
            budgetSec = 0;
            throttled = true;
        });
    }

    private void refill() {
        double now = sim.time();
        boolean counted = now >= countFromSec && now <= countToSec;
        if (counted) {
            periodsCounted++;
            throttledCounted += throttledThisPeriod ? 1 : 0;
        }
        throttledThisPeriod = false;
        periodStarted.schedule(quota.periodSec());
        host.change(this, () -> {
            budgetSec = quota.budgetSec();
            throttled = false;
        });
        if (counted) {  // the change charged every member up to now
            if (periodsCounted == 1) {
                cpuSecAtFirstBoundary = cpuSecUsed;
            }
            cpuSecAtLastBoundary = cpuSecUsed;
        }
    }

    /** The idle process has done the work that waited: it goes back to its steady rate. */
    private void idleCaughtUp() {
        host.change(this, () -> idleBacklogSec = 0);
    }

    private final class PeriodStarted extends Event {
        PeriodStarted(Simulator sim) {
            super(sim);
            setPriority(EventPriority.CPU_BUDGET);
        }

        @Override
        public void actions() {
            refill();
        }
    }

    private final class IdleCaughtUp extends Event {
        IdleCaughtUp(Simulator sim) {
            super(sim);
            setPriority(EventPriority.CPU_BUDGET);
        }

        @Override
        public void actions() {
            idleCaughtUp();
        }
    }

    private final class BudgetSpent extends Event {
        BudgetSpent(Simulator sim) {
            super(sim);
            setPriority(EventPriority.CPU_BUDGET);
        }

        @Override
        public void actions() {
            spend();
        }
    }
}
