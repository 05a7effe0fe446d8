package io.deepedge.experiments.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command line end to end, in-process: exit codes, files, reproducibility, shards. */
class CliTest {
    static final String CONFIG = """
            name: cli-test
            seed: 7
            replications: 3
            horizonSec: 3600
            devices:
              - { name: nano, type: jetson-nano, count: 2 }
              - { name: orin, type: jetson-agx-orin }
              - name: fast
                profile: { trainSamplesPerSec: 150, memoryMiB: 8192, interference: { serviceSlowdown: 2, trainingSlowdown: 1.5 } }
            services:
              - name: detector
                devices: [nano-1, fast]
                arrivals: { poisson: { ratePerSec: 5 } }
                serviceTimeMs: { exponential: { meanMs: 40 } }
                deadlineMs: 200
            training:
              model: mobilenet-v2
              samples: 4000
              batchSize: 64
              topology: ring-allreduce
              checkpointEverySec: 30
            failures:
              - { device: nano-2, atSec: 20, downSec: 60 }
            policies: [equal-split, throughput-proportional, fastest-single, random]
            """;

    @TempDir
    Path tmp;

    record Outcome(int code, String out, String err) {
    }

    static Outcome cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Outcome(code, out.toString(), err.toString());
    }

    private Path config(String text) throws IOException {
        Path file = tmp.resolve("exp.yaml");
        Files.writeString(file, text);
        return file;
    }

    private Path simulate(String outName, String... extra) throws IOException {
        Path out = tmp.resolve(outName);
        String[] args = Stream.concat(Stream.of("simulate", config(CONFIG).toString(), "--out", out.toString(),
                "--quiet"), Stream.of(extra)).toArray(String[]::new);
        Outcome o = cli(args);
        assertEquals(0, o.code(), o.err());
        return out;
    }

    @Test
    void simulateWritesEveryResultFile() throws IOException {
        Path out = simulate("out");
        for (String f : List.of("runs.csv", "services.csv", "summary.csv", "manifest.json", "report.html")) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        // 4 policies x 3 replications, plus the header
        assertEquals(13, Files.readAllLines(out.resolve("runs.csv")).size());
        assertEquals(4 * 3 * 2 + 1, Files.readAllLines(out.resolve("services.csv")).size());
        assertTrue(Files.readString(out.resolve("manifest.json")).contains("\"seed\" : 7"));
    }

    @Test
    void sameSeedGivesByteIdenticalFilesWhateverTheThreadCount() throws IOException {
        Path a = simulate("a", "--no-timing", "--threads", "1");
        Path b = simulate("b", "--no-timing", "--threads", "2");
        for (String f : List.of("runs.csv", "services.csv", "summary.csv", "histograms.csv", "timeline.csv",
                "report.html")) {
            assertArrayEquals(Files.readAllBytes(a.resolve(f)), Files.readAllBytes(b.resolve(f)), f);
        }
    }

    @Test
    void withTimingOnlyPlanTimeDiffers() throws IOException {
        Path a = simulate("a");
        Path b = simulate("b");
        List<String> ra = Files.readAllLines(a.resolve("runs.csv"));
        List<String> rb = Files.readAllLines(b.resolve("runs.csv"));
        int planTime = List.of(ra.get(0).split(",")).indexOf("plan_time_ms");
        for (int i = 0; i < ra.size(); i++) {
            String[] x = ra.get(i).split(",", -1);
            String[] y = rb.get(i).split(",", -1);
            x[planTime] = "";
            y[planTime] = "";
            assertArrayEquals(x, y);
        }
        assertArrayEquals(Files.readAllBytes(a.resolve("services.csv")), Files.readAllBytes(b.resolve("services.csv")));
    }

    @Test
    void differentSeedGivesDifferentLcResults() throws IOException {
        Path a = simulate("a", "--no-timing");
        Path b = simulate("b", "--no-timing", "--seed", "8");
        assertNotEquals(Files.readString(a.resolve("services.csv")), Files.readString(b.resolve("services.csv")));
    }

    @Test
    void shardsMergeToTheSingleRunRowForRow() throws IOException {
        Path whole = simulate("whole", "--no-timing");
        Path s1 = simulate("s1", "--no-timing", "--shard", "1/3");
        Path s2 = simulate("s2", "--no-timing", "--shard", "2/3");
        Path s3 = simulate("s3", "--no-timing", "--shard", "3/3");
        Path merged = tmp.resolve("merged");
        Outcome o = cli("merge", merged.toString(), s3.toString(), s1.toString(), s2.toString());
        assertEquals(0, o.code(), o.err());
        for (String f : List.of("runs.csv", "services.csv", "summary.csv", "comparison.csv", "histograms.csv",
                "timeline.csv")) {
            assertArrayEquals(Files.readAllBytes(whole.resolve(f)), Files.readAllBytes(merged.resolve(f)), f);
        }
        // a shard holds a slice of the replications: no pairing there, merge writes comparison.csv
        assertFalse(Files.exists(s1.resolve("comparison.csv")));
        assertEquals(2, cli("merge", tmp.resolve("m2").toString(), s1.toString(), s2.toString()).code());
    }

    @Test
    void reportRedrawsFromTheCsvFiles() throws IOException {
        Path out = simulate("out");
        Files.delete(out.resolve("report.html"));
        Files.delete(out.resolve("summary.csv"));
        Outcome o = cli("report", out.toString());
        assertEquals(0, o.code(), o.err());
        assertTrue(Files.exists(out.resolve("report.html")) && Files.exists(out.resolve("summary.csv")));
        assertEquals(2, cli("report", tmp.resolve("nothing").toString()).code());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "unknown top-level key | seed: 7 | seed: 7\\nspeed: 3 | speed",
        "negative rate | ratePerSec: 5 | ratePerSec: -5 | services[0].arrivals.poisson.ratePerSec",
        "unknown device type | type: jetson-nano | type: jetson-nanoo | devices[0].type",
        "unknown device in placement | [nano-1, fast] | [nano-1, fasst] | services[0].devices[1]",
        "unknown policy | random] | randomm] | policies[3]",
        "quantile out of range | deadlineMs: 200 | deadlineMs: 200\\n    sloQuantile: 1.5 | services[0].sloQuantile",
        "count zero | count: 2 | count: 0 | devices[0].count",
        "broken YAML | devices: | devices: [ | invalid YAML",
        "wrong type | samples: 4000 | samples: many | training.samples",
        "missing required field | batchSize: 64 | | training.batchSize",
        "batch above samples | batchSize: 64 | batchSize: 64000 | training.batchSize",
        "failure on unknown device | device: nano-2 | device: nano-9 | failures[0].device",
        "negative horizon | horizonSec: 3600 | horizonSec: -1 | horizonSec",
        "unknown nested key | deadlineMs: 200 | deadlineMs: 200\\n    deadline: 3 | services[0].deadline",
    })
    void malformedConfigExitsTwoNamingTheFieldAndWritesNothing(String label, String from, String to, String field)
            throws IOException {
        String bad = CONFIG.replace(from, to == null ? "" : to.replace("\\n", "\n"));
        assertNotEquals(CONFIG, bad, "the mutation must apply");
        Path out = tmp.resolve("never");
        Outcome o = cli("simulate", config(bad).toString(), "--out", out.toString());
        assertEquals(2, o.code(), o.err());
        assertTrue(o.err().contains(field), o.err());
        assertTrue(o.err().contains("exp.yaml:"), o.err());
        assertFalse(o.err().contains("Exception"), o.err());
        assertFalse(Files.exists(out));
        try (Stream<Path> left = Files.list(tmp)) {
            assertEquals(List.of("exp.yaml"), left.map(p -> p.getFileName().toString()).toList());
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--replications | 0 | --replications",
        "--threads | 0 | --threads",
        "--shard | 3/2 | --shard",
        "--policies | nope | --policies",
        "--seed | x | --seed",
    })
    void badArgumentsExitTwo(String option, String value, String named) throws IOException {
        Outcome o = cli("simulate", config(CONFIG).toString(), "--out", tmp.resolve("x").toString(), option, value);
        assertEquals(2, o.code(), o.err());
        assertTrue(o.err().contains(named), o.err());
        assertFalse(Files.exists(tmp.resolve("x")));
    }

    @Test
    void missingConfigFileExitsTwo() {
        Outcome o = cli("simulate", tmp.resolve("absent.yaml").toString());
        assertEquals(2, o.code());
        assertTrue(o.err().contains("absent.yaml"), o.err());
    }

    @Test
    void listsPoliciesAndDevices() {
        assertTrue(cli("policies").out().contains("throughput-proportional"));
        Outcome devices = cli("devices", "--sources");
        assertTrue(devices.out().contains("jetson-agx-orin") && devices.out().contains("estimate"));
        assertEquals(0, cli("simulate", "--help").code());
        assertEquals(2, cli("no-such-command").code());
    }
}
