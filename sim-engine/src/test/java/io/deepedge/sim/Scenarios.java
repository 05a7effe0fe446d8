package io.deepedge.sim;

import io.deepedge.models.Arrivals;
import io.deepedge.models.Device;
import io.deepedge.models.DeviceOverhead;
import io.deepedge.models.DeviceProfile;
import io.deepedge.models.Failure;
import io.deepedge.models.Interference;
import io.deepedge.models.Link;
import io.deepedge.models.Reliability;
import io.deepedge.models.Scenario;
import io.deepedge.models.ServiceInstance;
import io.deepedge.models.ServiceTime;
import io.deepedge.models.Topology;
import io.deepedge.models.TrainingJob;
import io.deepedge.models.TrainingMemory;
import io.deepedge.models.forecast.ForecastSpec;
import io.deepedge.models.metrics.MetricsWindow;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Small hand-built scenarios for simulator tests. */
final class Scenarios {
    static final Link LINK = new Link(80, 1);

    private final List<Device> devices = new ArrayList<>();
    private final List<ServiceInstance> services = new ArrayList<>();
    private final List<Failure> failures = new ArrayList<>();
    private TrainingJob job;
    private double horizonSec = 1e6;
    private MetricsWindow metrics;

    static Scenarios builder() {
        return new Scenarios();
    }

    Scenarios device(String name, double samplesPerSec) {
        return device(name, samplesPerSec, Interference.NONE);
    }

    Scenarios device(String name, double samplesPerSec, Interference interference) {
        return device(name, samplesPerSec, interference, Reliability.NEVER_FAILS);
    }

    Scenarios device(String name, double samplesPerSec, Interference interference, Reliability reliability) {
        devices.add(new Device(name, "", new DeviceProfile(samplesPerSec, 8192, interference), LINK, reliability));
        return this;
    }

    /**
     * A device whose figures were measured under {@code quota}: its averaged interference factors are deliberately
     * large (x5), so a test sees whether the quota model, which must ignore them, is in force.
     */
    Scenarios device(String name, double samplesPerSec, io.deepedge.models.CpuQuota quota) {
        return device(name, samplesPerSec, quota, io.deepedge.models.GcPauses.NONE);
    }

    /** The same, with its runtime's collector pauses. */
    Scenarios device(String name, double samplesPerSec, io.deepedge.models.CpuQuota quota,
                     io.deepedge.models.GcPauses pauses) {
        devices.add(new Device(name, "", new DeviceProfile(samplesPerSec, 8192, new Interference(5, 5),
                TrainingMemory.NONE, List.of(), DeviceOverhead.NONE, quota, pauses), LINK));
        return this;
    }

    /** A device with every figure of {@code profile}. */
    Scenarios device(String name, DeviceProfile profile) {
        devices.add(new Device(name, "", profile, LINK));
        return this;
    }

    /** A device without interference whose own work per round and per shard sample is {@code overhead}. */
    Scenarios device(String name, double samplesPerSec, DeviceOverhead overhead) {
        devices.add(new Device(name, "", new DeviceProfile(samplesPerSec, 8192, Interference.NONE, TrainingMemory.NONE,
                List.of(), overhead), LINK));
        return this;
    }

    /** Runs {@code action} at simulated time {@code timeSec} (an event of its own). */
    static void at(umontreal.ssj.simevents.Simulator sim, double timeSec, Runnable action) {
        new umontreal.ssj.simevents.Event(sim) {
            @Override
            public void actions() {
                action.run();
            }
        }.schedule(timeSec);
    }

    Scenarios service(String name, String device, double ratePerSec, ServiceTime serviceTime) {
        services.add(new ServiceInstance(name, device, new Arrivals.Poisson(ratePerSec), serviceTime, 200, 0.99));
        return this;
    }

    /**
     * One service instance alone on a device "d" with 100 samples/s, simulated once (seed 12345, equal-split, which
     * has no training to place): the queue against queueing theory.
     */
    static io.deepedge.models.ServiceStats simulateAlone(ServiceInstance instance, double horizonSec) {
        Scenario scenario = builder().device("d", 100).instance(instance).horizon(horizonSec).build();
        return SimulationRun.simulate(scenario, io.deepedge.policies.PolicyRegistry.get("equal-split"),
                new RunSpec(0, 12345)).services().get(0);
    }

    Scenarios instance(ServiceInstance instance) {
        services.add(instance);
        return this;
    }

    Scenarios job(long samples, int epochs, int batch, long parameterBytes, Topology topology) {
        return job(new TrainingJob("test", samples, epochs, batch, parameterBytes, 0, topology, 0, 0));
    }

    Scenarios job(TrainingJob trainingJob) {
        this.job = trainingJob;
        return this;
    }

    Scenarios failure(String device, double atSec, double downSec) {
        failures.add(new Failure(device, atSec, downSec));
        return this;
    }

    Scenarios horizon(double sec) {
        this.horizonSec = sec;
        return this;
    }

    /** The LC metrics window (default: from the job's submission to the horizon). */
    Scenarios metrics(double fromSec, double toSec) {
        this.metrics = new MetricsWindow(fromSec, toSec);
        return this;
    }

    Scenario build() {
        Optional<TrainingJob> trainingJob = Optional.ofNullable(job);
        return new Scenario("test", horizonSec, devices, services, trainingJob, failures, LINK, ForecastSpec.DEFAULT,
                metrics != null ? metrics : Scenario.defaultWindow(horizonSec, trainingJob));
    }
}
