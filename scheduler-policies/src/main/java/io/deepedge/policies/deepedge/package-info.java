/**
 * The Deep-Edge policy, its ablations and the exhaustive optimum: per-device batch caps from queueing
 * predictions of the co-located LC services and memory ({@link io.deepedge.policies.deepedge.Screen}), devices
 * ranked by effective throughput, the device set with the smallest expected re-training time under LC
 * interference ({@link io.deepedge.policies.deepedge.ExpectedTime}, searched by
 * {@link io.deepedge.policies.deepedge.BoundedSearch}; exhaustively by branch and bound in
 * {@link io.deepedge.policies.deepedge.OptimalPolicy}), and equal-finish water-filling made integers. Load-aware
 * variants check every SLO at the forecast peak over the chosen plan's own predicted window
 * ({@link io.deepedge.policies.deepedge.OwnWindow}). Depends on {@code models} only.
 */
package io.deepedge.policies.deepedge;
