package io.deepedge.sim;

import java.util.ArrayList;
import java.util.List;

/**
 * The cores that the quota-limited devices of a twin share: `testbed --local` runs every agent on one machine, so
 * when their runnable work demands more cores than the host has, each gets its share (processor sharing), and
 * synchronous training makes that common: every device starts computing when a round's parameters arrive.
 * Devices whose budget is spent demand nothing. A change on one device (work starts or ends, budget spent or
 * refilled) changes every member's speed.
 */
final class HostCpu {
    private final int cores;
    private final List<CfsBandwidth> members = new ArrayList<>();
    private double speed = 1.0;

    HostCpu(int cores) {
        if (cores < 1) {
            throw new IllegalArgumentException("a host needs at least one core, got " + cores);
        }
        this.cores = cores;
    }

    void join(CfsBandwidth member) {
        members.add(member);
    }

    /** The speed of every runnable piece of work on the host, as a fraction of its unshared speed (<= 1). */
    double speed() {
        return speed;
    }

    /**
     * Applies {@code change} to one member with every member's budget brought up to now at the old speed first,
     * then re-times every member at the new speed and tells the devices whose work now runs at another speed.
     */
    void change(CfsBandwidth changed, Runnable change) {
        for (CfsBandwidth m : members) {
            m.charge();
        }
        change.run();
        double demand = 0;
        for (CfsBandwidth m : members) {
            demand += m.runnableDemandCores();
        }
        double before = speed;
        speed = demand <= cores ? 1.0 : cores / demand;
        for (CfsBandwidth m : members) {
            m.scheduleSpent();
        }
        for (CfsBandwidth m : members) {
            if (m == changed || speed != before) {
                m.speedChanged();
            }
        }
    }
}
