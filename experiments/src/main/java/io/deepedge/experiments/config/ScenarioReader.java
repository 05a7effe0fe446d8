package io.deepedge.experiments.config;

import io.deepedge.models.Device;
import io.deepedge.models.Failure;
import io.deepedge.models.HostProbe;
import io.deepedge.models.Link;
import io.deepedge.models.Scenario;
import io.deepedge.models.forecast.ForecastSpec;
import io.deepedge.models.metrics.MetricsWindow;
import io.deepedge.models.profile.ProfiledDevice;
import org.yaml.snakeyaml.nodes.Node;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/** Reads the parts of one (possibly sweep-substituted) config tree that make a {@link Scenario}. */
final class ScenarioReader {
    private ScenarioReader() {
    }

    /** A point's scenario, the hardware runner's settings of its devices and the host its profiles were measured on. */
    record Read(Scenario scenario, TestbedSettings testbed, HostProbe profileHost) {
    }

    /**
     * The scenario of {@code root}, or empty when this tree has problems (all recorded) or the experiment
     * name is invalid (recorded by the header).
     *
     * @param traces resolves and reads the trace files the config names (shared by every grid point)
     */
    static Optional<Read> read(Node root, Optional<String> experiment, TraceFiles traces, RunScope scope,
                                   Problems problems) {
        Optional<YamlMap> found = YamlMap.of(root, "", "a mapping", problems);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        YamlMap top = found.get();
        OptionalDouble horizonSec = top.number("horizonSec", Ranges.DURATION_SEC);
        Link network = NetworkSection.read(top, NetworkSection.DEFAULT, problems).orElse(NetworkSection.DEFAULT);
        TrainingSection.Result training = TrainingSection.read(top, horizonSec, problems);
        ReliabilitySection reliability = ReliabilitySection.read(top, horizonSec, problems);
        DeviceSection.Result devices = DeviceSection.read(top, network, training, reliability, traces,
                scope.calibratedFigures(), problems);
        ServiceSection.Result services = ServiceSection.read(top, devices, traces, horizonSec,
                scope.calibratedFigures(), problems);
        List<Failure> failures = FailureSection.read(top, devices, traces, problems);
        Optional<ForecastSpec> monitoring = MonitoringSection.read(top, problems);
        Optional<MetricsWindow> metrics = MetricsSection.read(top, horizonSec, training, problems);
        if (monitoring.isPresent() && horizonSec.isPresent() && top.has("services")) {
            MonitoringSection.checkIntervals(top, monitoring.get(), horizonSec.getAsDouble(), problems);
        }
        PolicyLimits.check(top, scope.policiesOverride(), devices.typeByName().size(), problems);
        if (!problems.isEmpty() || experiment.isEmpty() || horizonSec.isEmpty() || monitoring.isEmpty()
                || metrics.isEmpty()) {
            return Optional.empty();
        }
        List<Device> loaded = ProfileLoads.apply(devices.devices(), devices.profiled(), services.instances());
        Optional<Scenario> scenario = problems.build(root, "", () -> new Scenario(experiment.get(),
                horizonSec.getAsDouble(), loaded, services.instances(), training.job(), failures, network,
                monitoring.get(), metrics.get()));
        scenario.ifPresent(s -> RunMemory.check(s, services.arrivalsByService(), scope, problems));
        return scenario.map(s -> new Read(s, devices.testbed().withServices(services.testbed()),
                profileHost(s, devices)));
    }

    /** Every device's profile-file host probe pooled; none unless each device has one ({@link GridPoint#profileHost}). */
    static HostProbe profileHost(Scenario scenario, DeviceSection.Result devices) {
        return HostProbe.pooled(scenario.devices().stream()
                .map(d -> devices.measured(d.name()).map(ProfiledDevice::hostProbe).orElse(HostProbe.NONE)).toList());
    }
}
