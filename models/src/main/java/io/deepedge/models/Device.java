package io.deepedge.models;

/**
 * One edge device of the cluster.
 *
 * @param name unique device name (e.g. {@code nano-1})
 * @param type catalog type id, or empty when the device is described by an inline profile only
 * @param profile resolved performance profile
 * @param link resolved network link
 * @param reliability stochastic failures and repairs ({@link Reliability#NEVER_FAILS} by default)
 */
public record Device(String name, String type, DeviceProfile profile, Link link, Reliability reliability) {
    public Device {
        Checks.name("device name", name);
        type = type == null ? "" : type;
        if (profile == null || link == null || reliability == null) {
            throw new IllegalArgumentException("device " + name + " needs a profile, a link and a reliability");
        }
    }

    /** A device that fails only when the config schedules it. */
    public Device(String name, String type, DeviceProfile profile, Link link) {
        this(name, type, profile, link, Reliability.NEVER_FAILS);
    }
}
