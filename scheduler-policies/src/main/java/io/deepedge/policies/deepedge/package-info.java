/**
 * The Deep-Edge policy, its ablations and the exhaustive optimum: per-device batch caps from queueing
 * predictions of the co-located LC services and memory, equal-finish water-filling, and the choice of the
 * best prefix of devices ranked by effective throughput.
 */
package io.deepedge.policies.deepedge;
