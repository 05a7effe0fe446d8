/**
 * The coordinator side of {@code ./deepedge profile}: runs a design of experiments on one agent at a time
 * ({@link io.deepedge.hw.profile.DeviceProfiler}) through the agent's open-loop {@code CalibrateServices} call and
 * turns the replies into the models' {@code Measurement}s and {@code ServiceProfile}s
 * ({@link io.deepedge.hw.profile.ProfileMeasurements}), fitted by {@code io.deepedge.models.profile}.
 */
package io.deepedge.hw.profile;
