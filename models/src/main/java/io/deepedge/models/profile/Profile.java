package io.deepedge.models.profile;

import java.util.List;
import java.util.Optional;

/**
 * A profile file's content: how and where it was measured, and each device's figures.
 *
 * @param date when the measurements ended (ISO-8601)
 * @param machine the host (name, OS, architecture, cores)
 * @param jvm the agents' Java runtime
 * @param seed the seed of the design and of the load generators
 * @param method the design method ({@link DesignPlan#LATIN_HYPERCUBE} or {@link DesignPlan#FACTORIAL})
 * @param devices each profiled device, by name
 */
public record Profile(String date, String machine, String jvm, long seed, String method, List<ProfiledDevice> devices) {
    public static final String FORMAT = "deepedge-profile/1";

    public Profile {
        devices = List.copyOf(devices);
    }

    public Optional<ProfiledDevice> device(String name) {
        return devices.stream().filter(d -> d.name().equals(name)).findFirst();
    }
}
