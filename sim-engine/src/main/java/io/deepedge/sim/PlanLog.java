package io.deepedge.sim;

import io.deepedge.models.Plan;
import io.deepedge.policies.Decision;

import java.util.Optional;

/** What the policy answered during a run: the first plan carried out, call count, wall time spent. */
final class PlanLog {
    private Plan first;
    private String rejected = "";
    private int calls;
    private long totalNanos;

    void record(long nanos, Decision decision) {
        calls++;
        totalNanos += nanos;
        if (first == null && decision instanceof Decision.Assign assign) {
            first = assign.plan();
            rejected = assign.rejections().stream().map(r -> r.device() + "=" + r.reason())
                    .collect(java.util.stream.Collectors.joining("; "));
        }
    }

    Optional<Plan> firstPlan() {
        return Optional.ofNullable(first);
    }

    /** Why the first plan left devices out, as {@code device=reason} pairs. */
    String rejected() {
        return rejected;
    }

    int calls() {
        return calls;
    }

    double totalMs() {
        return totalNanos / 1e6;
    }
}
