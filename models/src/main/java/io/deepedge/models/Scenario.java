package io.deepedge.models;

import io.deepedge.models.forecast.ForecastSpec;

import java.util.List;
import java.util.Optional;

/**
 * Everything one simulated run needs, resolved from the config: the cluster, its services, the job.
 *
 * @param experiment experiment name
 * @param horizonSec simulated time limit
 * @param devices devices in name order
 * @param services LC service instances, ordered by service then device
 * @param job the training job, if any
 * @param failures scheduled failures, ordered by time
 * @param serverLink the cluster's default link, where the parameter server / coordinator sits
 * @param monitoring how LC load is monitored and forecast
 */
public record Scenario(String experiment, double horizonSec, List<Device> devices, List<ServiceInstance> services,
                       Optional<TrainingJob> job, List<Failure> failures, Link serverLink, ForecastSpec monitoring) {
    public Scenario {
        if (serverLink == null || monitoring == null) {
            throw new IllegalArgumentException("serverLink and monitoring must be given");
        }
        Checks.name("experiment", experiment);
        Checks.positive("horizonSec", horizonSec);
        devices = List.copyOf(devices);
        services = List.copyOf(services);
        failures = List.copyOf(failures);
        if (devices.isEmpty()) {
            throw new IllegalArgumentException("a scenario needs at least one device");
        }
    }

    public Device device(String name) {
        return devices.stream().filter(d -> d.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no device " + name));
    }

    public List<ServiceInstance> servicesOn(String deviceName) {
        return services.stream().filter(s -> s.device().equals(deviceName)).toList();
    }

    /** A scenario with the default monitoring and forecasting. */
    public Scenario(String experiment, double horizonSec, List<Device> devices, List<ServiceInstance> services,
                    Optional<TrainingJob> job, List<Failure> failures, Link serverLink) {
        this(experiment, horizonSec, devices, services, job, failures, serverLink, ForecastSpec.DEFAULT);
    }
}
