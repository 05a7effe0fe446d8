package io.deepedge.experiments.config;

import io.deepedge.models.Arrivals;
import io.deepedge.models.Device;
import io.deepedge.models.DeviceProfile;
import io.deepedge.models.Failure;
import io.deepedge.models.Interference;
import io.deepedge.models.Link;
import io.deepedge.models.Scenario;
import io.deepedge.models.ServiceInstance;
import io.deepedge.models.ServiceTime;
import io.deepedge.models.Topology;
import io.deepedge.models.TrainingJob;
import io.deepedge.models.TrainingMemory;
import io.deepedge.models.catalog.Catalog;
import io.deepedge.models.catalog.CatalogModel;
import io.deepedge.models.catalog.DeviceType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.deepedge.experiments.config.ConfigFiles.VALID;
import static io.deepedge.experiments.config.ConfigFiles.validWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigLoaderTest {
    private static final DeviceType NANO = Catalog.get().type("jetson-nano").orElseThrow();
    private static final CatalogModel MOBILENET = Catalog.get().model("mobilenet-v2").orElseThrow();

    @TempDir
    Path dir;

    private ExperimentConfig load(String yaml) throws ConfigException {
        return ConfigLoader.load(ConfigFiles.write(dir, "config.yaml", yaml));
    }

    @Test
    void loadsTheReferenceConfigIntoTheExpectedExperiment() throws ConfigException {
        ExperimentConfig config = load(VALID);
        assertEquals(dir.resolve("config.yaml"), config.file());
        assertEquals("quickstart", config.name());
        assertEquals(42, config.seed());
        assertEquals(5, config.replications());
        assertEquals(7200.0, config.horizonSec());
        assertEquals(List.of("equal-split", "throughput-proportional", "fastest-single", "random"), config.policies());
        assertEquals(List.of(), config.sweepPaths());
        assertEquals(1, config.gridPoints().size());
        assertEquals(Map.of(), config.gridPoints().get(0).values());
        Scenario scenario = config.gridPoints().get(0).scenario();
        assertEquals("quickstart", scenario.experiment());
        assertEquals(7200.0, scenario.horizonSec());
        assertEquals(new Link(500, 1), scenario.serverLink());
    }

    @Test
    void expandsCountsAndResolvesCatalogFiguresAndInlineOverrides() throws ConfigException {
        Scenario scenario = load(VALID).gridPoints().get(0).scenario();
        // The typed entry keeps the catalog's figures except the one slowdown it overrides; every device gets
        // the catalog training memory model of the job's model.
        TrainingMemory memory = new TrainingMemory(MOBILENET.trainBaseMiB(), MOBILENET.trainPerSampleMiB());
        DeviceProfile nano = new DeviceProfile(NANO.trainSamplesPerSec("mobilenet-v2").orElseThrow(), NANO.memoryMiB(),
                new Interference(NANO.serviceSlowdown(), 2.5), memory, List.of());
        DeviceProfile fast = new DeviceProfile(300, 8192, new Interference(1.5, 1.2), memory, List.of());
        assertEquals(List.of(
                new Device("fast", "", fast, new Link(500, 0.5)),
                new Device("nano-1", "jetson-nano", nano, new Link(500, 1)),
                new Device("nano-2", "jetson-nano", nano, new Link(500, 1))), scenario.devices());
    }

    @Test
    void buildsOneServiceInstancePerPlacementInFileOrder() throws ConfigException {
        Scenario scenario = load(VALID).gridPoints().get(0).scenario();
        Arrivals detectorRate = new Arrivals.Poisson(5);
        ServiceTime fromCatalog = new ServiceTime.Lognormal(NANO.inferenceMs("resnet-50").orElseThrow(), NANO.inferenceCv());
        assertEquals(List.of(
                new ServiceInstance("detector", "nano-1", detectorRate, new ServiceTime.Exponential(40), 200, 0.99),
                new ServiceInstance("detector", "fast", detectorRate, new ServiceTime.Exponential(40), 200, 0.99),
                new ServiceInstance("speech", "nano-2", new Arrivals.Poisson(2), fromCatalog, 100, 0.99)),
                scenario.services());
    }

    @Test
    void readsTheJobWithCatalogSampleSizeAndTheFailuresInTimeOrder() throws ConfigException {
        Scenario scenario = load(VALID).gridPoints().get(0).scenario();
        long sampleBytes = Catalog.get().model("mobilenet-v2").orElseThrow().sampleBytes();
        assertEquals(Optional.of(new TrainingJob("mobilenet-v2", 40000, 1, 64, 14_000_000, sampleBytes,
                Topology.PARAMETER_SERVER, 60, 0)), scenario.job());
        assertEquals(List.of(new Failure("fast", 100, Double.POSITIVE_INFINITY), new Failure("nano-2", 300, 600)),
                scenario.failures());
        assertTrue(!scenario.failures().get(0).recovers());
    }

    @Test
    void appliesDefaultsWhenOptionalFieldsAreOmitted() throws ConfigException {
        ExperimentConfig config = load("""
                name: minimal
                seed: -7
                replications: 1
                horizonSec: 60.5
                devices:
                  - { name: box, profile: { trainSamplesPerSec: 10, memoryMiB: 1024 } }
                services:
                  - { name: svc, devices: [box], arrivals: { poisson: { ratePerSec: 1 } },
                      serviceTimeMs: { constant: { ms: 5 } }, deadlineMs: 50 }
                training: { parameterBytes: 0, samples: 10, batchSize: 10 }
                policies: [random]
                """);
        Scenario scenario = config.gridPoints().get(0).scenario();
        assertEquals(-7, config.seed());
        assertEquals(List.of(new Device("box", "", new DeviceProfile(10, 1024, Interference.NONE), new Link(1000, 1))),
                scenario.devices());
        assertEquals(0.99, scenario.services().get(0).sloQuantile());
        assertEquals(Optional.of(new TrainingJob("", 10, 1, 10, 0, 0, Topology.PARAMETER_SERVER, 0, 0)), scenario.job());
        assertEquals(List.of(), scenario.failures());
    }

    @Test
    void typedDevicesWithoutATrainingJobGetThePlaceholderThroughput() throws ConfigException {
        String withoutTraining = VALID.substring(0, VALID.indexOf("training:")) + VALID.substring(VALID.indexOf("failures:"));
        Scenario scenario = load(withoutTraining).gridPoints().get(0).scenario();
        assertEquals(Optional.empty(), scenario.job());
        assertEquals(ProfileReader.UNUSED_THROUGHPUT, scenario.device("nano-1").profile().trainSamplesPerSec());
        assertEquals(300, scenario.device("fast").profile().trainSamplesPerSec());
    }

    @Test
    void acceptsRingAllreduceUnderscoresAndFloatWrittenIntegers() throws ConfigException {
        String yaml = validWith("topology: parameter-server", "topology: ring-allreduce");
        yaml = ConfigFiles.with(yaml, "samples: 40000", "samples: 4e4");
        yaml = ConfigFiles.with(yaml, "parameterBytes: 14000000", "parameterBytes: 14_000_000");
        TrainingJob job = load(yaml).gridPoints().get(0).scenario().job().orElseThrow();
        assertEquals(Topology.RING_ALLREDUCE, job.topology());
        assertEquals(40000, job.samples());
        assertEquals(14_000_000, job.parameterBytes());
    }
}
