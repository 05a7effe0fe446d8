package io.deepedge.policies;

import io.deepedge.models.Assignment;
import io.deepedge.models.Plan;
import io.deepedge.models.Shares;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/** Turns a chosen device set and weights into a decision: integer shares and named rejections. */
public final class PlanBuilder {
    private PlanBuilder() {
    }

    /**
     * Splits the job's samples over {@code chosen} in proportion to {@code weight} (largest remainder,
     * ties to name order); every other device of the request is rejected, unavailable ones as
     * {@code unavailable}, the rest with {@code otherReason}. Devices whose integer share rounds to 0
     * are rejected as {@code share:0}.
     */
    public static Decision split(PlanningRequest request, List<DeviceState> chosen, ToDoubleFunction<DeviceState> weight,
                                 String otherReason) {
        if (chosen.isEmpty()) {
            return new Decision.Postpone("no device available");
        }
        double[] weights = chosen.stream().mapToDouble(weight).toArray();
        long[] shares = Shares.largestRemainder(request.job().samples(), weights);
        List<Assignment> assignments = new ArrayList<>();
        List<Decision.Rejection> rejections = new ArrayList<>();
        for (int i = 0; i < chosen.size(); i++) {
            if (shares[i] > 0) {
                assignments.add(new Assignment(chosen.get(i).name(), shares[i]));
            } else {
                rejections.add(new Decision.Rejection(chosen.get(i).name(), "share:0"));
            }
        }
        Set<String> chosenNames = chosen.stream().map(DeviceState::name).collect(Collectors.toSet());
        for (DeviceState d : request.devices()) {
            if (!chosenNames.contains(d.name())) {
                rejections.add(new Decision.Rejection(d.name(), d.available() ? otherReason : "unavailable"));
            }
        }
        return new Decision.Assign(new Plan(assignments), rejections);
    }
}
