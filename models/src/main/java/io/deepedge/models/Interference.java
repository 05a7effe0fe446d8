package io.deepedge.models;

/**
 * Two-way interference between training and LC services co-located on one device.
 *
 * @param serviceSlowdown LC service-time multiplier while training computes on the device (>= 1)
 * @param trainingSlowdown training-time multiplier while an LC request is in service there (>= 1)
 */
public record Interference(double serviceSlowdown, double trainingSlowdown) {
    public static final Interference NONE = new Interference(1.0, 1.0);

    public Interference {
        Checks.atLeast("serviceSlowdown", 1.0, serviceSlowdown);
        Checks.atLeast("trainingSlowdown", 1.0, trainingSlowdown);
    }
}
