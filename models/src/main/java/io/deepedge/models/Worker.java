package io.deepedge.models;

import java.util.List;

/**
 * A training device as the re-training cost model sees it: its profile, its link, and the LC loads
 * co-located with it (which slow its training while a request is in service).
 *
 * @param name device name
 * @param profile training throughput and interference, possibly batch-dependent
 * @param link the device's network link
 * @param loads the LC services on the device at their planning rates (empty when none)
 */
public record Worker(String name, DeviceProfile profile, Link link, List<LcLoad> loads) {
    public Worker {
        Checks.name("worker name", name);
        if (profile == null || link == null) {
            throw new IllegalArgumentException("worker " + name + " needs a profile and a link");
        }
        loads = List.copyOf(loads);
    }
}
