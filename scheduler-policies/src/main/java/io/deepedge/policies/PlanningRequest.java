package io.deepedge.policies;

import io.deepedge.models.Checks;
import io.deepedge.models.Link;
import io.deepedge.models.TrainingJob;
import io.deepedge.models.forecast.ForecastSpec;

import java.util.Comparator;
import java.util.List;

/**
 * Everything a policy may look at: a snapshot of the cluster and its load, the job, and why it is asked.
 *
 * @param nowSec the mechanism's clock when it asks (simulated or real seconds since the run began)
 * @param devices every device of the cluster, in name order, failed ones marked unavailable
 * @param services every LC service instance with its monitored load
 * @param job the training job
 * @param serverLink the link of the parameter server / coordinator (the cluster's default link)
 * @param trigger why the policy is called
 * @param seed randomness a policy may use; the same for every policy of one replication
 * @param forecast how load-aware policies forecast the monitored rates
 */
public record PlanningRequest(double nowSec, List<DeviceState> devices, List<ServiceLoad> services, TrainingJob job,
                              Link serverLink, Trigger trigger, long seed, ForecastSpec forecast) {
    public PlanningRequest {
        Checks.nonNegative("nowSec", nowSec);
        devices = devices.stream().sorted(Comparator.comparing(DeviceState::name)).toList();
        services = List.copyOf(services);
        if (job == null || serverLink == null || trigger == null || forecast == null) {
            throw new IllegalArgumentException("job, serverLink, trigger and forecast must be given");
        }
    }

    /** Devices that are up, in name order. */
    public List<DeviceState> availableDevices() {
        return devices.stream().filter(DeviceState::available).toList();
    }

    public List<ServiceLoad> servicesOn(String device) {
        return services.stream().filter(s -> s.instance().device().equals(device)).toList();
    }
}
