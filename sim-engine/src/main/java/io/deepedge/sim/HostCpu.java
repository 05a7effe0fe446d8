package io.deepedge.sim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The cores that the quota-limited devices of a twin share: `testbed --local` runs every agent on one machine, so
 * when their runnable work demands more cores than the host has, they share them, and synchronous training makes
 * that common: every device starts computing when a round's parameters arrive. Devices whose budget is spent demand
 * nothing. A change on one device (work starts or ends, budget spent or refilled) can change every member's speed.
 *
 * <p>The share is per device, not per thread: each agent runs in its own cgroup, all with the same
 * {@code cpu.shares}, and the kernel's group scheduling divides the cores between runnable groups by those weights
 * whatever the number of threads in each (measured here: a group of two spinning threads beside two groups of one
 * got 0.67-0.68 cores, as each of the others, not the 1.0 a share per thread gives). So the cores go to the devices
 * max-min fairly: a device demanding less than an equal share gets its demand, the rest divide what is left, and
 * inside a device every piece of work runs at the same fraction of its speed (the kernel shares a group's time
 * between its threads equally).
 *
 * <p>Work beside other devices' work also goes slower per CPU second: the host's caches and memory bandwidth are
 * shared whatever the quotas say. Each member's {@link #coRunnerSpeed} follows how much of the host's other cores the
 * other members use ({@link io.deepedge.models.ColocationTerms#coRunnerSpeedAt}); a change of it re-times the
 * member's work as a change of its share does.
 */
final class HostCpu {
    private final int cores;
    private final List<CfsBandwidth> members = new ArrayList<>();
    /** Each member's speed, indexed by join order. */
    private double[] speeds = new double[0];
    /** The speeds before the latest change (reused, so a change allocates nothing). */
    private double[] previous = new double[0];
    /** Each member's work per CPU second beside the others' work, and before the latest change. */
    private double[] coRunnerSpeeds = new double[0];
    private double[] previousCoRunner = new double[0];
    /** The indices of the members demanding cores, while shares are computed (reused). */
    private final List<Integer> waiting = new ArrayList<>();
    private final Comparator<Integer> byDemand = Comparator.comparingDouble(i -> members.get(i).runnableDemandCores());

    HostCpu(int cores) {
        if (cores < 1) {
            throw new IllegalArgumentException("a host needs at least one core, got " + cores);
        }
        this.cores = cores;
    }

    /** Adds a device; its {@link #speed} takes the index returned. */
    int join(CfsBandwidth member) {
        members.add(member);
        speeds = Arrays.copyOf(speeds, members.size());
        speeds[members.size() - 1] = 1.0;
        previous = new double[members.size()];
        coRunnerSpeeds = Arrays.copyOf(coRunnerSpeeds, members.size());
        coRunnerSpeeds[members.size() - 1] = 1.0;
        previousCoRunner = new double[members.size()];
        return members.size() - 1;
    }

    /** The speed of the runnable work of the member joined as {@code index}, as a fraction of its unshared speed. */
    double speed(int index) {
        return speeds[index];
    }

    /**
     * The work per CPU second of the member joined as {@code index} beside what the other members run now, as a
     * fraction of its speed with the host's other cores idle.
     */
    double coRunnerSpeed(int index) {
        return coRunnerSpeeds[index];
    }

    /**
     * Applies {@code change} to one member with every member's budget brought up to now at the old speeds first,
     * then re-times every member at the new speeds and tells the devices whose work now runs at another speed.
     */
    void change(CfsBandwidth changed, Runnable change) {
        for (CfsBandwidth m : members) {
            m.charge();
        }
        change.run();
        System.arraycopy(speeds, 0, previous, 0, speeds.length);
        System.arraycopy(coRunnerSpeeds, 0, previousCoRunner, 0, coRunnerSpeeds.length);
        share();
        coRun();
        for (CfsBandwidth m : members) {
            m.scheduleSpent();
        }
        for (int i = 0; i < members.size(); i++) {
            if (members.get(i) == changed || speeds[i] != previous[i] || coRunnerSpeeds[i] != previousCoRunner[i]) {
                members.get(i).speedChanged();
            }
        }
    }

    /** Max-min fair shares of the cores by equal weights, each device capped at its demand. */
    private void share() {
        waiting.clear();
        for (int i = 0; i < members.size(); i++) {
            if (members.get(i).runnableDemandCores() > 0) {
                waiting.add(i);
            } else {
                speeds[i] = 1.0;  // demands nothing: its speed multiplies no work
            }
        }
        waiting.sort(byDemand);
        double left = cores;
        for (int k = 0; k < waiting.size(); k++) {
            int i = waiting.get(k);
            double demand = members.get(i).runnableDemandCores();
            double share = Math.min(demand, left / (waiting.size() - k));
            left -= share;
            speeds[i] = share >= demand ? 1.0 : share / demand;
        }
    }

    /** Each member's speed beside the cores the others use now (their demand at their share). */
    private void coRun() {
        double total = 0;
        for (int i = 0; i < members.size(); i++) {
            total += members.get(i).runnableDemandCores() * speeds[i];
        }
        for (int i = 0; i < members.size(); i++) {
            double others = total - members.get(i).runnableDemandCores() * speeds[i];
            coRunnerSpeeds[i] = members.get(i).coRunnerSpeedAt(others, cores - 1);
        }
    }
}
