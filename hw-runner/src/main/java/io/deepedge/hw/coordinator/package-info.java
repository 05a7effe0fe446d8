/**
 * The coordinator of the hardware runner: for one run (policy x replication) it asks the same policy the simulator
 * asks, sends each planned device its shard of drifted Fashion-MNIST over gRPC, acts as the parameter server of
 * synchronous rounds (one updater step per round on the sum of the agents' gradients), drives every LC service
 * instance with an open-loop load generator and summarises the run as the simulator does ({@code RunResult}).
 */
package io.deepedge.hw.coordinator;
