package io.deepedge.experiments.config;

import io.deepedge.models.Device;
import io.deepedge.models.ServiceInstance;
import io.deepedge.models.profile.ProfiledDevice;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;

/**
 * The profile-file devices' figures at their configured LC load: the fitted service slowdown depends on the
 * device's standalone LC utilisation, which is known only once the services are read.
 */
final class ProfileLoads {
    private ProfileLoads() {
    }

    /**
     * {@code devices}, each one measured by a profile file rebuilt at utilisation {@code rho = sum of mean rate x
     * mean service time} of the instances placed on it (mean rate over the arrivals' whole definition: a step
     * profile's or a trace's average).
     */
    static List<Device> apply(List<Device> devices, SortedMap<String, Optional<ProfiledDevice>> profiled,
                              List<ServiceInstance> instances) {
        if (profiled.isEmpty()) {
            return devices;
        }
        List<Device> out = new ArrayList<>();
        for (Device d : devices) {
            Optional<ProfiledDevice> found = profiled.getOrDefault(d.name(), Optional.empty());
            if (found.isEmpty()) {
                out.add(d);
                continue;
            }
            ProfiledDevice measured = found.get();
            double rho = 0;
            for (ServiceInstance i : instances) {
                if (i.device().equals(d.name())) {
                    rho += i.arrivals().meanRatePerSec() * i.serviceTime().meanMs() / 1000;
                }
            }
            out.add(new Device(d.name(), d.type(), measured.deviceProfile(rho, d.profile().trainingMemory()), d.link(),
                    d.reliability()));
        }
        return out;
    }
}
