package io.deepedge.policies;

/**
 * A scheduling policy: a pure function from a planning request to a decision.
 *
 * <p>Implementations keep no state between calls, read no clock and draw randomness only from
 * {@link PlanningRequest#seed()}; the same request always gives the same decision.
 */
public interface SchedulingPolicy {
    /** Stable kebab-case id, the config key. */
    String id();

    /** One line for {@code ./deepedge policies}. */
    String description();

    Decision decide(PlanningRequest request);
}
