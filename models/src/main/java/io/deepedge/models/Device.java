package io.deepedge.models;

/**
 * One edge device of the cluster.
 *
 * @param name unique device name (e.g. {@code nano-1})
 * @param type catalog type id, or empty when the device is described by an inline profile only
 * @param profile resolved performance profile
 * @param link resolved network link
 */
public record Device(String name, String type, DeviceProfile profile, Link link) {
    public Device {
        Checks.name("device name", name);
        type = type == null ? "" : type;
        if (profile == null || link == null) {
            throw new IllegalArgumentException("device " + name + " needs a profile and a link");
        }
    }
}
