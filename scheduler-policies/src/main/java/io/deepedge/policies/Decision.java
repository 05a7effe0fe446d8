package io.deepedge.policies;

import io.deepedge.models.Plan;

import java.util.List;

/** A policy's answer: a plan to carry out, or a reason to wait. */
public sealed interface Decision {

    /**
     * Carry out {@code plan}; {@code rejections} name every device left out and why.
     */
    record Assign(Plan plan, List<Rejection> rejections) implements Decision {
        public Assign {
            if (plan == null) {
                throw new IllegalArgumentException("plan must be given");
            }
            rejections = List.copyOf(rejections);
        }
    }

    /**
     * No plan can be made now (e.g. no device is eligible); the mechanism asks again on the next change.
     * {@code reason} is shown to the user as is (runs.csv {@code not_finished_reason} when the job never ran).
     */
    record Postpone(String reason) implements Decision {
        public Postpone {
            if (reason == null || reason.isBlank()) {
                throw new IllegalArgumentException("a postponement must say why");
            }
        }
    }

    /**
     * Why a device is not part of the plan.
     *
     * @param device device name
     * @param reason short named reason, e.g. {@code unavailable} or {@code slo:detector p99 260 ms > 200 ms}
     */
    record Rejection(String device, String reason) {
    }
}
