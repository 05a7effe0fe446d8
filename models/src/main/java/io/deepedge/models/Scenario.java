package io.deepedge.models;

import io.deepedge.models.forecast.ForecastSpec;
import io.deepedge.models.metrics.MetricsWindow;

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
 * @param metrics the LC metrics window, within {@code [0, horizonSec]}; the same for every policy
 */
public record Scenario(String experiment, double horizonSec, List<Device> devices, List<ServiceInstance> services,
                       Optional<TrainingJob> job, List<Failure> failures, Link serverLink, ForecastSpec monitoring,
                       MetricsWindow metrics) {
    public Scenario {
        if (serverLink == null || monitoring == null || metrics == null) {
            throw new IllegalArgumentException("serverLink, monitoring and metrics must be given");
        }
        Checks.name("experiment", experiment);
        Checks.positive("horizonSec", horizonSec);
        devices = List.copyOf(devices);
        services = List.copyOf(services);
        failures = List.copyOf(failures);
        if (devices.isEmpty()) {
            throw new IllegalArgumentException("a scenario needs at least one device");
        }
        if (metrics.toSec() > horizonSec) {
            throw new IllegalArgumentException("metrics.toSec (" + metrics.toSec() + ") must not exceed horizonSec ("
                    + horizonSec + ")");
        }
    }

    /** A scenario with the default metrics window, from the job's submission (0 without a job) to the horizon. */
    public Scenario(String experiment, double horizonSec, List<Device> devices, List<ServiceInstance> services,
                    Optional<TrainingJob> job, List<Failure> failures, Link serverLink, ForecastSpec monitoring) {
        this(experiment, horizonSec, devices, services, job, failures, serverLink, monitoring,
                defaultWindow(horizonSec, job));
    }

    /** A scenario with the default monitoring and forecasting and the default metrics window. */
    public Scenario(String experiment, double horizonSec, List<Device> devices, List<ServiceInstance> services,
                    Optional<TrainingJob> job, List<Failure> failures, Link serverLink) {
        this(experiment, horizonSec, devices, services, job, failures, serverLink, ForecastSpec.DEFAULT);
    }

    /** The default LC metrics window: from the job's submission (0 without a job) to {@code horizonSec}. */
    public static MetricsWindow defaultWindow(double horizonSec, Optional<TrainingJob> job) {
        return new MetricsWindow(job.map(TrainingJob::submitAtSec).orElse(0.0), horizonSec);
    }

    public Device device(String name) {
        return devices.stream().filter(d -> d.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no device " + name));
    }

    public List<ServiceInstance> servicesOn(String deviceName) {
        return services.stream().filter(s -> s.device().equals(deviceName)).toList();
    }

    /** A copy with another metrics window. */
    public Scenario withMetrics(MetricsWindow window) {
        return new Scenario(experiment, horizonSec, devices, services, job, failures, serverLink, monitoring, window);
    }
}
