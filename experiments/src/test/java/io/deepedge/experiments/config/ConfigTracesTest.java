package io.deepedge.experiments.config;

import io.deepedge.models.Arrivals;
import io.deepedge.models.Failure;
import io.deepedge.models.Scenario;
import io.deepedge.models.ServiceInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static io.deepedge.experiments.config.ConfigFiles.validWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Trace arrivals and availability traces in a config: values, defaults, path resolution and problems. */
class ConfigTracesTest {
    private static final String DETECTOR = "poisson: { ratePerSec: 5 }";
    private static final String FUNCTIONS = "HashOwner,HashApp,HashFunction,Trigger,1,2,3\n"
            + "o,a,f1,http,60,60,120\no,a,f2,timer,6,0,0\n";

    @TempDir
    Path dir;

    private Path config(String yaml) {
        return ConfigFiles.write(dir, "config.yaml", yaml);
    }

    private Scenario load(String yaml) throws ConfigException {
        return ConfigLoader.load(config(yaml)).gridPoints().get(0).scenario();
    }

    private List<String> problems(String yaml) {
        Path file = config(yaml);
        return assertThrows(ConfigException.class, () -> ConfigLoader.load(file)).problems();
    }

    private String cfg() {
        return dir.resolve("config.yaml").toString();
    }

    private Path trace(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    private static Arrivals detectorArrivals(Scenario scenario) {
        List<Arrivals> all = scenario.services().stream().filter(s -> s.service().equals("detector"))
                .map(ServiceInstance::arrivals).distinct().toList();
        assertEquals(1, all.size());
        return all.get(0);
    }

    @Test
    void readsARequestsTraceBesideTheConfig() throws Exception {
        trace("t/req.csv", "time_sec\n0\n1.5\n3\n");
        Scenario scenario = load(validWith(DETECTOR, "trace: t/req.csv"));
        assertEquals(new Arrivals.Recorded("t/req.csv", List.of(0.0, 1.5, 3.0), 0), detectorArrivals(scenario));
        assertEquals(2, scenario.services().stream().filter(s -> s.service().equals("detector")).count());
    }

    @Test
    void scalesAndLoopsARequestsTrace() throws Exception {
        trace("req.csv", "time_sec\n0\n1.5\n3\n");
        Scenario scenario = load(validWith(DETECTOR, "trace: { file: req.csv, rateScale: 1.5, loop: true }"));
        // Times / 1.5; period = last (2) + mean gap (1).
        assertEquals(new Arrivals.Recorded("req.csv x1.5 looped", List.of(0.0, 1.0, 2.0), 3), detectorArrivals(scenario));
    }

    @Test
    void readsAzureTimestampsAndFallsBackToTheWorkingDirectory() throws Exception {
        // Not beside the config (a temporary directory): found from the working directory, experiments/.
        Scenario scenario = load(validWith(DETECTOR, "trace: { file: ../traces/AzureLLMInferenceTrace_code.csv, format: requests }"));
        Arrivals.Recorded recorded = assertInstanceOf(Arrivals.Recorded.class, detectorArrivals(scenario));
        assertEquals(8_819, recorded.timesSec().size());
        assertEquals(0, recorded.timesSec().get(0));
    }

    @Test
    void readsAFunctionsTraceRowByNumberOrFunctionScaledAndLooped() throws Exception {
        trace("fn.csv", FUNCTIONS);
        List<Arrivals.Step> first = List.of(new Arrivals.Step(0, 1), new Arrivals.Step(120, 2), new Arrivals.Step(180, 0));
        assertEquals(new Arrivals.Steps(first), detectorArrivals(load(validWith(DETECTOR, "trace: { file: fn.csv, format: functions }"))));
        assertEquals(new Arrivals.Steps(List.of(new Arrivals.Step(0, 0.2), new Arrivals.Step(60, 0))), detectorArrivals(
                load(validWith(DETECTOR, "trace: { file: fn.csv, format: functions, function: f2, rateScale: 2 }"))));
        Arrivals.Steps looped = (Arrivals.Steps) detectorArrivals(load(validWith(DETECTOR,
                "trace: { file: fn.csv, format: functions, row: 1, loop: true }")));
        // Three minutes repeated until the 7200 s horizon: 40 rounds of (1, 1, 2) merged into two steps each.
        assertEquals(80, looped.steps().size());
        assertEquals(new Arrivals.Step(7140, 2), looped.steps().get(79));
    }

    @Test
    void aSweepCanVaryTheRateScale() throws Exception {
        trace("req.csv", "time_sec\n0\n2\n");
        ExperimentConfig config = ConfigLoader.load(config(validWith(DETECTOR, "trace: { file: req.csv, rateScale: 1 }")
                + "sweep:\n  services.detector.arrivals.trace.rateScale: [1, 2]\n"));
        assertEquals(List.of(0.0, 1.0), ((Arrivals.Recorded) detectorArrivals(config.gridPoints().get(1).scenario())).timesSec());
    }

    @Test
    void reportsMalformedTraceLinesAtTheTraceFileAndTheConfigLine() throws Exception {
        Path bad = trace("bad.csv", "time_sec\n1\nx\n0.5\n");
        assertEquals(List.of(
                bad + ":3:1: time_sec is not a number (x), expected seconds from the start of the run, a decimal number >= 0; "
                        + "referenced at " + cfg() + ":26: services[0].arrivals.trace",
                bad + ":4:1: time decreases: the previous request is at 1 s (0.5), expected rows in non-decreasing time order; "
                        + "referenced at " + cfg() + ":26: services[0].arrivals.trace"),
                problems(validWith(DETECTOR, "trace: bad.csv")));
        trace("fn.csv", FUNCTIONS);
        assertEquals(List.of(dir.resolve("fn.csv") + ":1:3: no row has this HashFunction (nope), expected a HashFunction "
                + "of the file, or a selection by row number; referenced at " + cfg() + ":26: services[0].arrivals.trace.file"),
                problems(validWith(DETECTOR, "trace: { file: fn.csv, format: functions, function: nope }")));
    }

    @Test
    void reportsMalformedTraceFields() throws Exception {
        trace("req.csv", "time_sec\n0\n");
        trace("fn.csv", FUNCTIONS);
        assertProblem(validWith(DETECTOR, "trace: { file: req.csv, format: csv }"), 26, "services[0].arrivals.trace.format",
                "csv", "unknown trace format");
        assertProblem(validWith(DETECTOR, "trace: { file: req.csv, rateScale: 0 }"), 26,
                "services[0].arrivals.trace.rateScale", "0", "must be at least 1e-6");
        assertProblem(validWith(DETECTOR, "trace: { file: fn.csv, format: functions, row: 0 }"), 26,
                "services[0].arrivals.trace.row", "0", "an integer from 1");
        assertProblem(validWith(DETECTOR, "trace: { file: req.csv, row: 2 }"), 26, "services[0].arrivals.trace.row",
                "row", "applies to the functions format only");
        assertProblem(validWith(DETECTOR, "trace: { file: fn.csv, format: functions, row: 2, function: f1 }"), 26,
                "services[0].arrivals.trace.function", "row, function", "has both row and function");
        assertProblem(validWith(DETECTOR, "trace: { file: req.csv, loop: yes }"), 26, "services[0].arrivals.trace.loop",
                "yes", "must be true or false");
        assertProblem(validWith(DETECTOR, "trace: { file: req.csv, loop: true }"), 26, "services[0].arrivals.trace.loop",
                "1 requests over 0 s", "cannot loop");
        assertProblem(validWith(DETECTOR, "trace: { file: req.csv, path: x }"), 26, "services[0].arrivals.trace.path", "path",
                "unknown key");
        assertProblem(validWith(DETECTOR, "trace: { rateScale: 2 }"), 26, "services[0].arrivals.trace.file", null,
                "missing required field");
        assertProblem(validWith(DETECTOR, "trace: [a.csv]"), 26, "services[0].arrivals.trace", "a list", "must be a mapping");
    }

    private void assertProblem(String yaml, int line, String path, String value, String mention) {
        List<String> problems = problems(yaml);
        String prefix = cfg() + ":" + line + ": " + path + ": ";
        assertTrue(problems.size() == 1 && problems.get(0).startsWith(prefix) && problems.get(0).contains(mention)
                && (value == null || problems.get(0).contains("(" + value + ")")), () -> "expected one problem '" + prefix
                + "... (" + value + ")' mentioning " + mention + ", got:\n" + String.join("\n", problems));
    }

    @Test
    void readsAnAvailabilityTraceMappingOrListItemsMixedWithExplicitFailures() throws Exception {
        trace("up.csv", "device,down_at_sec,up_at_sec\nnano-1,50,80\nfast,400,\n");
        String mapping = validWith("  - { device: nano-2, atSec: 300, downSec: 600 }\n  - { device: fast, atSec: 100 }\n",
                "  trace: up.csv\n");
        assertEquals(List.of(new Failure("nano-1", 50, 30), new Failure("fast", 400, Double.POSITIVE_INFINITY)),
                load(mapping).failures());
        String mixed = validWith("  - { device: fast, atSec: 100 }\n", "  - { trace: up.csv }\n");
        assertEquals(List.of(new Failure("nano-1", 50, 30), new Failure("nano-2", 300, 600),
                new Failure("fast", 400, Double.POSITIVE_INFINITY)), load(mixed).failures());
    }

    @Test
    void reportsAvailabilityTraceProblemsAndUnknownDevices() throws Exception {
        Path up = trace("up.csv", "device,down_at_sec,up_at_sec\nnano-1,50,80\nnano-9,60,\nfast,90,90\n");
        List<String> problems = problems(validWith("  - { device: fast, atSec: 100 }\n", "  - { trace: up.csv }\n"));
        String reference = "; referenced at " + cfg() + ":47: failures[1].trace";
        // The unknown device and the malformed line are one report, in line order.
        assertEquals(List.of(up + ":3:1: unknown device (nano-9), expected one of fast, nano-1, nano-2" + reference,
                up + ":4:3: up_at_sec is not after down_at_sec = 90 (90), expected a time > down_at_sec, or "
                + "empty when the device never returns" + reference), problems);
        trace("up.csv", "device,down_at_sec,up_at_sec\nnano-9,60,\n");
        assertEquals(List.of(up + ":2:1: unknown device (nano-9), expected one of fast, nano-1, nano-2" + reference),
                problems(validWith("  - { device: fast, atSec: 100 }\n", "  - { trace: up.csv }\n")));
        assertProblem(validWith("  - { device: nano-2, atSec: 300, downSec: 600 }\n  - { device: fast, atSec: 100 }\n",
                "  device: fast\n  atSec: 100\n"), 46, "failures", "a mapping", "a mapping must have the key trace");
        assertProblem(validWith("  - { device: fast, atSec: 100 }\n", "  - { trace: none.csv }\n"), 47,
                "failures[1].trace", "none.csv", "trace file not found");
        trace("up.csv", "device,down_at_sec,up_at_sec\nnano-1,60,\n");
        assertProblem(validWith("  - { device: fast, atSec: 100 }\n", "  - { trace: up.csv, atSec: 3 }\n"), 47,
                "failures[1].atSec", "atSec", "unknown key");
    }

    @Test
    void theAzureExampleConfigDrivesServicesFromBothShippedTraces() throws ConfigException {
        ExperimentConfig config = ConfigLoader.load(Path.of("configs/azure-llm.yaml"));
        Scenario scenario = config.gridPoints().get(0).scenario();
        assertTrue(scenario.horizonSec() <= 3600);
        List<Integer> sizes = scenario.services().stream().map(ServiceInstance::arrivals).distinct()
                .map(a -> ((Arrivals.Recorded) a).timesSec().size()).sorted().toList();
        assertEquals(List.of(8_819, 19_366), sizes);
        assertTrue(scenario.services().stream().anyMatch(s -> s.arrivals() instanceof Arrivals.Recorded r
                && r.source().contains(" x")), "one service is rate-scaled");
        assertTrue(scenario.job().isPresent());
        assertTrue(config.policies().containsAll(Arrays.asList("deep-edge", "equal-split")));
    }
}
