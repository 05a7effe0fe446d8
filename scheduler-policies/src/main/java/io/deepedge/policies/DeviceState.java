package io.deepedge.policies;

import io.deepedge.models.Device;

/**
 * A device as the mechanism sees it when it asks for a plan.
 *
 * @param device the device and its profile
 * @param available false while the device is failed
 */
public record DeviceState(Device device, boolean available) {
    public DeviceState {
        if (device == null) {
            throw new IllegalArgumentException("device must be given");
        }
    }

    public String name() {
        return device.name();
    }

    public double trainSamplesPerSec() {
        return device.profile().trainSamplesPerSec();
    }
}
