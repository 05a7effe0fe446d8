/**
 * The coordinator side of {@code ./deepedge profile}: runs a design of experiments on one agent at a time
 * ({@link io.deepedge.hw.profile.DeviceProfiler}), each design point measured through the testbed's own request
 * and gradient paths (LC requests from open-loop generators over gRPC, gradient calls with parameters; the
 * agent's service times from its metrics window), and turns the timings into the models' {@code Measurement}s and
 * {@code ServiceProfile}s ({@link io.deepedge.hw.profile.ProfileMeasurements}), fitted by
 * {@code io.deepedge.models.profile}.
 */
package io.deepedge.hw.profile;
