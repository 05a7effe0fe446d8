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
        List<DeviceState> fitting = new ArrayList<>(chosen);
        List<Decision.Rejection> memoryRejections = new ArrayList<>();
        java.util.Map<String, Double> serviceMemory = MemoryFit.serviceMemoryMiB(request);
        // drop the device that overflows its memory by the most and split again: dropping raises the others'
        // batches, so one at a time keeps every device that fits at some split
        while (!fitting.isEmpty()) {
            long[] shares = Shares.largestRemainder(request.job().samples(),
                    fitting.stream().mapToDouble(weight).toArray());
            int worst = -1;
            double worstExcess = 0;
            for (int i = 0; i < fitting.size(); i++) {
                double excess = MemoryFit.excessMiB(request, fitting.get(i), shares[i],
                        serviceMemory.getOrDefault(fitting.get(i).name(), 0.0));
                if (excess > worstExcess) {
                    worst = i;
                    worstExcess = excess;
                }
            }
            if (worst < 0) {
                break;
            }
            DeviceState dropped = fitting.remove(worst);
            memoryRejections.add(new Decision.Rejection(dropped.name(), MemoryFit.check(request, dropped,
                    shares[worst], serviceMemory.getOrDefault(dropped.name(), 0.0))));
        }
        Decision decision = splitFitting(request, fitting, weight, otherReason);
        if (decision instanceof Decision.Assign a && !memoryRejections.isEmpty()) {
            List<Decision.Rejection> all = new ArrayList<>(memoryRejections);
            Set<String> named = memoryRejections.stream().map(Decision.Rejection::device).collect(Collectors.toSet());
            a.rejections().stream().filter(r -> !named.contains(r.device())).forEach(all::add);
            return new Decision.Assign(a.plan(), all);
        }
        return decision;
    }

    private static Decision splitFitting(PlanningRequest request, List<DeviceState> chosen,
                                         ToDoubleFunction<DeviceState> weight, String otherReason) {
        if (chosen.isEmpty()) {
            return new Decision.Postpone("no device available whose memory fits the training");
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
