package io.deepedge.experiments.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The testbed's interleaved run order: every run exactly once, grid points one after another, and within a point
 * every policy's run of a replication before the next replication. The expected order is written out by hand.
 */
class RunOrderTest {
    /** The run list's own order: grid point, then policy, then replication (as {@link RunList#of} builds it). */
    private static List<RunTask> runList(List<String> points, List<String> policies, int replications) {
        List<RunTask> tasks = new ArrayList<>();
        for (String point : points) {
            for (String policy : policies) {
                for (int r = 0; r < replications; r++) {
                    tasks.add(new RunTask(tasks.size(), Map.of("rate", point), null, policy, r, 100 + r));
                }
            }
        }
        return tasks;
    }

    private static List<String> names(List<RunTask> order) {
        return order.stream().map(t -> t.gridValues().get("rate") + "/" + t.policy() + "/" + t.replication()).toList();
    }

    @Test
    void atEachPointEveryPolicysRunOfAReplicationComesBeforeTheNextReplication() {
        List<RunTask> order = RunList.interleaved(runList(List.of("10", "20"), List.of("de", "tp"), 3));
        assertEquals(List.of("10/de/0", "10/tp/0", "10/de/1", "10/tp/1", "10/de/2", "10/tp/2",
                "20/de/0", "20/tp/0", "20/de/1", "20/tp/1", "20/de/2", "20/tp/2"), names(order));
        // the indices stay the run list's, so results are written in its order
        assertEquals(List.of(0, 3, 1, 4, 2, 5, 6, 9, 7, 10, 8, 11), order.stream().map(RunTask::index).toList());
    }

    @Test
    void everyRunOnceWithTheRunsOfOneSeedSideBySide() {
        for (int policies = 1; policies <= 4; policies++) {
            for (int replications = 1; replications <= 5; replications++) {
                List<String> ids = new ArrayList<>();
                for (int p = 0; p < policies; p++) {
                    ids.add("p" + p);
                }
                List<RunTask> tasks = runList(List.of("a", "b", "c"), ids, replications);
                List<RunTask> order = RunList.interleaved(tasks);
                assertEquals(tasks.size(), order.size());
                Set<Integer> seen = new HashSet<>();
                order.forEach(t -> seen.add(t.index()));
                assertEquals(tasks.size(), seen.size(), "every run exactly once");
                for (int k = 0; k < order.size(); k++) {
                    RunTask t = order.get(k);
                    // position k holds point k / (P R), replication (k mod P R) / P, policy k mod P
                    int perPoint = policies * replications;
                    assertEquals(List.of("a", "b", "c").get(k / perPoint), t.gridValues().get("rate"));
                    assertEquals((k % perPoint) / policies, t.replication());
                    assertEquals("p" + (k % policies), t.policy());
                }
            }
        }
    }

    @Test
    void aSinglePolicyKeepsTheRunListsOrder() {
        List<RunTask> tasks = runList(List.of("10", "20"), List.of("de"), 4);
        assertEquals(tasks, RunList.interleaved(tasks));
    }
}
