package io.deepedge.models;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Whether a plan can be carried out now: what every mechanism checks when a policy answers and again when the
 * plan is applied (a plan applied later, at a safe point, may have lost a device meanwhile). A plan that fails
 * the check is a policy or mechanism defect, never something to simulate.
 */
public final class PlanCheck {
    private PlanCheck() {
    }

    /**
     * What is wrong with {@code plan} for {@code job} given which devices are up now; empty when it can be
     * carried out: its shares sum to the job's samples and every device it names is available.
     */
    public static List<String> problems(Plan plan, TrainingJob job, Predicate<String> available) {
        List<String> problems = new ArrayList<>();
        if (plan.totalSamples() != job.samples()) {
            problems.add("planned " + plan.totalSamples() + " samples, the job has " + job.samples());
        }
        for (String device : plan.devices()) {
            if (!available.test(device)) {
                problems.add("planned unavailable device " + device);
            }
        }
        return problems;
    }
}
