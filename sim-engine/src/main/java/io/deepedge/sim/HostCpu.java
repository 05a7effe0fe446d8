package io.deepedge.sim;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

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
 */
final class HostCpu {
    private final int cores;
    private final List<CfsBandwidth> members = new ArrayList<>();
    private final Map<CfsBandwidth, Double> speeds = new IdentityHashMap<>();

    HostCpu(int cores) {
        if (cores < 1) {
            throw new IllegalArgumentException("a host needs at least one core, got " + cores);
        }
        this.cores = cores;
    }

    void join(CfsBandwidth member) {
        members.add(member);
        speeds.put(member, 1.0);
    }

    /** The speed of {@code member}'s runnable work, as a fraction of its unshared speed (<= 1). */
    double speed(CfsBandwidth member) {
        return speeds.get(member);
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
        Map<CfsBandwidth, Double> before = new IdentityHashMap<>(speeds);
        share();
        for (CfsBandwidth m : members) {
            m.scheduleSpent();
        }
        for (CfsBandwidth m : members) {
            if (m == changed || !speeds.get(m).equals(before.get(m))) {
                m.speedChanged();
            }
        }
    }

    /** Max-min fair shares of the cores by equal weights, each device capped at its demand. */
    private void share() {
        List<CfsBandwidth> waiting = new ArrayList<>();
        for (CfsBandwidth m : members) {
            if (m.runnableDemandCores() > 0) {
                waiting.add(m);
            } else {
                speeds.put(m, 1.0);  // demands nothing: its speed multiplies no work
            }
        }
        waiting.sort(Comparator.comparingDouble(CfsBandwidth::runnableDemandCores));
        double left = cores;
        for (int i = 0; i < waiting.size(); i++) {
            CfsBandwidth m = waiting.get(i);
            double demand = m.runnableDemandCores();
            double share = Math.min(demand, left / (waiting.size() - i));
            left -= share;
            speeds.put(m, share >= demand ? 1.0 : share / demand);
        }
    }
}
