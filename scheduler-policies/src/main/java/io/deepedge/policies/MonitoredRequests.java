package io.deepedge.policies;

import io.deepedge.models.Device;
import io.deepedge.models.Link;
import io.deepedge.models.ServiceInstance;
import io.deepedge.models.TrainingJob;
import io.deepedge.models.forecast.ForecastSpec;
import io.deepedge.models.monitoring.LoadWatch;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The request a policy gets while a job runs or waits (re-planning after a load change, a failure or a recovery),
 * built alike by the simulator and the hardware runner: every device with whether it is up now, and every LC
 * instance with the rate its {@link LoadWatch} monitored in the last interval and its history since its last load
 * shift (what forecasts use). Only the mechanism's clock, availability and counts differ.
 */
public final class MonitoredRequests {
    private MonitoredRequests() {
    }

    /** What the policy sees of instance {@code i} of the watch: the last interval's rate and the history. */
    public static ServiceLoad load(ServiceInstance instance, LoadWatch watch, int i, double intervalSec) {
        return new ServiceLoad(instance, watch.currentRatePerSec(i), watch.historyPerSec(i), intervalSec);
    }

    /**
     * @param devices every device of the scenario (as the mechanism plans with them)
     * @param up whether a device (by name) is available now
     * @param instances the monitored instances, in the watch's order
     */
    public static PlanningRequest request(double nowSec, List<Device> devices, Predicate<String> up,
                                          List<ServiceInstance> instances, LoadWatch watch, TrainingJob job,
                                          Link serverLink, Trigger trigger, long seed, ForecastSpec forecast) {
        List<DeviceState> states = new ArrayList<>();
        for (Device d : devices) {
            states.add(new DeviceState(d, up.test(d.name())));
        }
        List<ServiceLoad> loads = new ArrayList<>();
        for (int i = 0; i < instances.size(); i++) {
            loads.add(load(instances.get(i), watch, i, forecast.intervalSec()));
        }
        return new PlanningRequest(nowSec, states, loads, job, serverLink, trigger, seed, forecast);
    }
}
