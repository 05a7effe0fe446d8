package io.deepedge.sim;

import io.deepedge.models.Plan;
import io.deepedge.policies.Decision;

import java.util.Optional;

/** What the policy answered during a run: the first plan carried out, call count, wall time spent. */
final class PlanLog {
    private Plan first;
    private int calls;
    private long totalNanos;

    void record(long nanos, Decision decision) {
        calls++;
        totalNanos += nanos;
        if (first == null && decision instanceof Decision.Assign assign) {
            first = assign.plan();
        }
    }

    Optional<Plan> firstPlan() {
        return Optional.ofNullable(first);
    }

    int calls() {
        return calls;
    }

    double totalMs() {
        return totalNanos / 1e6;
    }
}
