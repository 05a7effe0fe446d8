/**
 * Scheduling policies: pure functions from a {@link io.deepedge.policies.PlanningRequest} to a
 * {@link io.deepedge.policies.Decision}, and the registry that names them.
 *
 * <p>Depends on {@code models} only: no clock, no I/O, no randomness other than the request's seed.
 * Neither the simulator nor the hardware coordinator is known here.
 */
package io.deepedge.policies;
