package io.deepedge.experiments.run;

import io.deepedge.models.HostProbe;
import io.deepedge.models.HostSpeedTrace;
import io.deepedge.models.Scenario;
import io.deepedge.sim.RunSpec;

import java.util.Map;

/**
 * One entry of the run list.
 *
 * @param index position in the full (unsharded) run list
 * @param gridValues swept paths and values of this grid point (empty without a sweep)
 * @param scenario the grid point's scenario
 * @param policy policy id
 * @param replication 0-based replication
 * @param seed the replication's run seed, shared by every policy (common random numbers)
 * @param host the host a simulated run is on, as the host-speed probe reads it: the grid point's profiles' ({@link
 *        io.deepedge.experiments.config.GridPoint#profileHost}), or the testbed run's it replays ({@code simulate
 *        --host-speed}); {@link HostProbe#NONE} when not known. The simulator writes it as the run's host-speed.csv row
 * @param hostSpeed that host's work per CPU second relative to the profiles' when given ({@link
 *        io.deepedge.sim.RunSpec#hostSpeed}); NaN: drawn as usual
 * @param hostTrace that host's speed second by second from the run's start when given ({@link
 *        io.deepedge.sim.RunSpec#hostTrace}, {@code simulate --host-trace}); {@link HostSpeedTrace#NONE}: none
 */
public record RunTask(int index, Map<String, String> gridValues, Scenario scenario, String policy, int replication,
                      long seed, HostProbe host, double hostSpeed, HostSpeedTrace hostTrace) {
    public RunTask {
        if (hostTrace == null) {
            hostTrace = HostSpeedTrace.NONE;
        }
    }

    /** A run on an unknown host, its speed drawn as usual. */
    public RunTask(int index, Map<String, String> gridValues, Scenario scenario, String policy, int replication,
                   long seed) {
        this(index, gridValues, scenario, policy, replication, seed, HostProbe.NONE, Double.NaN, HostSpeedTrace.NONE);
    }

    /** The same run on {@code other}, which does {@code speed} of the profiles' work per CPU second. */
    public RunTask onHost(HostProbe other, double speed) {
        return new RunTask(index, gridValues, scenario, policy, replication, seed, other, speed, HostSpeedTrace.NONE);
    }

    /**
     * The same run on {@code other}, whose speed follows {@code trace} from the run's start (relative to the profiles'
     * work per CPU second).
     */
    public RunTask onHostTrace(HostProbe other, HostSpeedTrace trace) {
        return new RunTask(index, gridValues, scenario, policy, replication, seed, other, Double.NaN, trace);
    }

    /** The simulator's run of this task. */
    public RunSpec spec() {
        return new RunSpec(replication, seed, hostSpeed, hostTrace);
    }
}
