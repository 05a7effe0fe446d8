/**
 * The Deep-Edge policy, its ablations and the exhaustive optimum: per-device batch caps from queueing
 * predictions of the co-located LC services and memory, equal-finish water-filling, and the choice of the
 * best prefix of devices ranked by effective throughput. Load-aware variants check every SLO at the forecast
 * peak over the chosen plan's own predicted window ({@link io.deepedge.policies.deepedge.OwnWindow}).
 */
package io.deepedge.policies.deepedge;
