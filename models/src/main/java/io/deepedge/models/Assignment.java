package io.deepedge.models;

/**
 * One device's part of a plan.
 *
 * @param device device name
 * @param samples training samples per epoch this device processes (its share d_j)
 */
public record Assignment(String device, long samples) {
    public Assignment {
        Checks.name("device", device);
        if (samples <= 0) {
            throw new IllegalArgumentException("an assignment carries a positive share (" + samples + ")");
        }
    }
}
