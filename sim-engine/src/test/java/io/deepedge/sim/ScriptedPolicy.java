package io.deepedge.sim;

import io.deepedge.models.Assignment;
import io.deepedge.models.Plan;
import io.deepedge.models.Shares;
import io.deepedge.policies.Decision;
import io.deepedge.policies.DeviceState;
import io.deepedge.policies.PlanningRequest;
import io.deepedge.policies.SchedulingPolicy;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** A policy whose answers a test writes down, to drive the mechanism through exact situations. */
final class ScriptedPolicy implements SchedulingPolicy {
    private final Function<PlanningRequest, Decision> script;

    ScriptedPolicy(Function<PlanningRequest, Decision> script) {
        this.script = script;
    }

    @Override
    public String id() {
        return "scripted";
    }

    @Override
    public String description() {
        return "answers as the test says";
    }

    @Override
    public Decision decide(PlanningRequest request) {
        return script.apply(request);
    }

    /** Equal shares of the job over those of {@code names} that are available; a postponement when none is. */
    static Decision equalOver(PlanningRequest request, String... names) {
        List<String> up = new ArrayList<>();
        for (DeviceState d : request.availableDevices()) {
            if (List.of(names).contains(d.name())) {
                up.add(d.name());
            }
        }
        if (up.isEmpty()) {
            return new Decision.Postpone("none of " + List.of(names) + " is up");
        }
        double[] weights = new double[up.size()];
        java.util.Arrays.fill(weights, 1);
        long[] shares = Shares.largestRemainder(request.job().samples(), weights);
        List<Assignment> assignments = new ArrayList<>();
        for (int i = 0; i < up.size(); i++) {
            assignments.add(new Assignment(up.get(i), shares[i]));
        }
        return new Decision.Assign(new Plan(assignments), List.of());
    }
}
