/**
 * The synchronous iteration under LC interference: per device, the distribution of the time to compute
 * a local batch while co-located LC requests slow it ({@link io.deepedge.models.barrier.ComputeTime}), and
 * the expected time until the slowest device reaches the barrier ({@link io.deepedge.models.barrier.BarrierTime}).
 * Used by {@link io.deepedge.models.RetrainTime}; no I/O, no randomness.
 */
package io.deepedge.models.barrier;
