package io.deepedge.experiments.config;

import io.deepedge.models.Arrivals;
import io.deepedge.models.BatchPoint;
import io.deepedge.models.Device;
import io.deepedge.models.DeviceProfile;
import io.deepedge.models.Interference;
import io.deepedge.models.Link;
import io.deepedge.models.Scenario;
import io.deepedge.models.ServiceInstance;
import io.deepedge.models.ServiceTime;
import io.deepedge.models.TrainingMemory;
import io.deepedge.models.catalog.Catalog;
import io.deepedge.models.catalog.CatalogModel;
import io.deepedge.models.catalog.DeviceType;
import io.deepedge.models.forecast.ForecastSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static io.deepedge.experiments.config.ConfigFiles.EXTENDED;
import static io.deepedge.experiments.config.ConfigFiles.VALID;
import static io.deepedge.experiments.config.ConfigFiles.extendedWith;
import static io.deepedge.experiments.config.ConfigFiles.validWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Batch profiles, training and service memory, step arrivals and monitoring: values, defaults and ordering. */
class ConfigExtensionsTest {
    private static final DeviceType NANO = Catalog.get().type("jetson-nano").orElseThrow();
    private static final CatalogModel MOBILENET = Catalog.get().model("mobilenet-v2").orElseThrow();

    @TempDir
    Path dir;

    private Scenario load(String yaml) throws ConfigException {
        return ConfigLoader.load(ConfigFiles.write(dir, "config.yaml", yaml)).gridPoints().get(0).scenario();
    }

    @Test
    void readsBatchProfilesSortedWithDefaultsFromTheDeviceAndTheMemoryModel() throws ConfigException {
        Scenario scenario = load(EXTENDED);
        // training.memory overrides only perSampleMiB; the base stays the catalog model's.
        TrainingMemory memory = new TrainingMemory(MOBILENET.trainBaseMiB(), 40);
        Interference nanoInterference = new Interference(NANO.serviceSlowdown(), NANO.trainingSlowdown());
        // Without an inline trainSamplesPerSec the largest batch's throughput (6.5 at 32) replaces the catalog's.
        DeviceProfile nano = new DeviceProfile(6.5, NANO.memoryMiB(), nanoInterference, memory, List.of(
                new BatchPoint(8, 5, NANO.serviceSlowdown(), memory.atBatch(8)),
                new BatchPoint(16, 6, NANO.serviceSlowdown(), 1500),
                new BatchPoint(32, 6.5, 1.6, 2200)));
        DeviceProfile box = new DeviceProfile(120, 8192, Interference.NONE, memory,
                List.of(new BatchPoint(64, 120, 1, memory.atBatch(64))));
        assertEquals(List.of(new Device("box", "", box, new Link(1000, 1)),
                new Device("nano-1", "jetson-nano", nano, new Link(1000, 1)),
                new Device("nano-2", "jetson-nano", nano, new Link(1000, 1))), scenario.devices());
        assertEquals(List.of(8, 16, 32), scenario.device("nano-1").profile().batchSizes());
        assertEquals(MOBILENET.trainBaseMiB() + 40 * 8, scenario.device("nano-1").profile().trainMemoryMiBAt(8));
    }

    @Test
    void readsStepArrivalsAndServiceMemory() throws ConfigException {
        Scenario scenario = load(EXTENDED);
        Arrivals steps = new Arrivals.Steps(List.of(new Arrivals.Step(0, 2), new Arrivals.Step(600, 8),
                new Arrivals.Step(1800, 0)));
        ServiceTime detectorTime = new ServiceTime.Exponential(40);
        assertEquals(List.of(
                new ServiceInstance("detector", "nano-1", steps, detectorTime, 200, 0.99, 1500),
                new ServiceInstance("detector", "box", steps, detectorTime, 200, 0.99, 1500),
                new ServiceInstance("speech", "nano-1", new Arrivals.Poisson(1), new ServiceTime.Constant(20), 100, 0.99,
                        500)), scenario.services());
    }

    @Test
    void readsMonitoringOverTheDefaults() throws ConfigException {
        assertEquals(new ForecastSpec(30, "ewma", 0.3, 0.1, 0.3, 24, 0.25), load(EXTENDED).monitoring());
        String full = extendedWith("  alpha: 0.3\n", "  alpha: 1\n  beta: 0\n  gamma: 1\n  seasonIntervals: 48\n"
                + "  bandFraction: 0\n  damping: 0.9\n  falseAlarmProbability: 0.05\n");
        full = ConfigFiles.with(full, "forecaster: ewma", "forecaster: holt-winters");
        assertEquals(new ForecastSpec(30, "holt-winters", 1, 0, 1, 48, 0, 0.9, 0.05), load(full).monitoring());
    }

    @Test
    void defaultsWithoutTheNewFields() throws ConfigException {
        Scenario scenario = load(VALID);
        assertEquals(ForecastSpec.DEFAULT, scenario.monitoring());
        assertEquals(List.of(0.0, 0.0, 0.0), scenario.services().stream().map(ServiceInstance::memoryMiB).toList());
        assertEquals(new TrainingMemory(MOBILENET.trainBaseMiB(), MOBILENET.trainPerSampleMiB()),
                scenario.device("fast").profile().trainingMemory());
        assertEquals(List.of(), scenario.device("nano-1").profile().batches());
    }

    @Test
    void aModelOutsideTheCatalogHasNoMemoryModelSoBatchFootprintsDefaultToZero() throws ConfigException {
        String yaml = validWith("model: mobilenet-v2", "model: my-own-net");
        yaml = ConfigFiles.with(yaml, "  trainSamplesPerSec: 300\n", "  batches: [{ batch: 4, trainSamplesPerSec: 30 }]\n");
        yaml = ConfigFiles.with(yaml, "type: jetson-nano", "type: jetson-nano\n    profile: { trainSamplesPerSec: 9 }");
        yaml = ConfigFiles.with(yaml, "    profile: { interference: { trainingSlowdown: 2.5 } }\n", "");
        DeviceProfile fast = load(yaml).device("fast").profile();
        assertEquals(TrainingMemory.NONE, fast.trainingMemory());
        assertEquals(List.of(new BatchPoint(4, 30, 1.5, 0)), fast.batches());
        assertEquals(30, fast.trainSamplesPerSec());
    }

    @Test
    void batchesStandInForAMissingCatalogThroughputAndGiveWayToAnInlineOne() throws ConfigException {
        // No device type has a training figure for resnet-50: the batches make the typed devices usable.
        String yaml = validWith("model: mobilenet-v2", "model: resnet-50");
        yaml = ConfigFiles.with(yaml, "profile: { interference: { trainingSlowdown: 2.5 } }",
                "profile: { batches: [{ batch: 8, trainSamplesPerSec: 4 }, { batch: 2, trainSamplesPerSec: 3 }] }");
        yaml = ConfigFiles.with(yaml, "  memoryMiB: 8192\n", "  memoryMiB: 8192\n      batches: [{ batch: 16, "
                + "trainSamplesPerSec: 400 }]\n");
        Scenario scenario = load(yaml);
        CatalogModel resnet = Catalog.get().model("resnet-50").orElseThrow();
        assertEquals(4, scenario.device("nano-1").profile().trainSamplesPerSec());
        assertEquals(resnet.trainMemoryMiB(8), scenario.device("nano-1").profile().trainMemoryMiBAt(8));
        assertEquals(300, scenario.device("fast").profile().trainSamplesPerSec());
    }
}
