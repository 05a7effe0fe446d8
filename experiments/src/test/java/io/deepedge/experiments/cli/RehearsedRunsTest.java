package io.deepedge.experiments.cli;

import io.deepedge.experiments.run.RunTask;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Which runs of a testbed invocation get an untimed rehearsal before them: the first still to do of each point. */
class RehearsedRunsTest {
    /** Two grid points (rate 60 and 110) x two policies x two replications, in the run list's order. */
    private static List<RunTask> twoPoints() {
        List<RunTask> tasks = new ArrayList<>();
        for (String rate : List.of("60", "110")) {
            for (String policy : List.of("deep-edge", "throughput-proportional")) {
                for (int r = 0; r < 2; r++) {
                    tasks.add(new RunTask(tasks.size(), Map.of("services.c.arrivals.poisson.ratePerSec", rate), null,
                            policy, r, 7 + r));
                }
            }
        }
        return tasks;
    }

    @Test
    void theFirstRunStillToDoOfEachGridPointIsRehearsed() {
        List<RunTask> tasks = twoPoints();
        assertEquals(Set.of(0, 4), TestbedCommand.rehearsedBefore(tasks, i -> false));
        // resumed after runs 0 and 1: the first point's next run is the first measured of this invocation
        assertEquals(Set.of(2, 4), TestbedCommand.rehearsedBefore(tasks, i -> i < 2));
        // the first point done: only the second's first run
        assertEquals(Set.of(4), TestbedCommand.rehearsedBefore(tasks, i -> i < 4));
        assertEquals(Set.of(), TestbedCommand.rehearsedBefore(tasks, i -> true));
        // without a sweep one point: the invocation's first run only, as before grid points were rehearsed
        List<RunTask> one = tasks.stream().map(t -> new RunTask(t.index(), Map.of(), null, t.policy(),
                t.replication(), t.seed())).toList();
        assertEquals(Set.of(0), TestbedCommand.rehearsedBefore(one, i -> false));
        assertEquals(Set.of(3), TestbedCommand.rehearsedBefore(one, i -> i < 3));
    }
}
