package io.deepedge.experiments.cli;

import io.deepedge.policies.PolicyRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static io.deepedge.experiments.cli.CliTest.CONFIG;
import static io.deepedge.experiments.cli.CliTest.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Bad input through the command line: every problem at once (arguments with the config, a trace file's problems
 * in one report, a sweep problem once), shortened values, encodings and YAML limits at their line; and validation
 * of what the run will do (the policies that run, the heap, magnitudes, names). Each gives exit 2 and writes nothing.
 */
class CliValidationTest {
    @TempDir
    Path tmp;

    private Path config(String text) throws IOException {
        return Files.writeString(tmp.resolve("exp.yaml"), text);
    }

    private String cfg() {
        return tmp.resolve("exp.yaml").toString();
    }

    /** Runs {@code simulate} with {@code --out} in the temporary directory; asserts exit 2 and that nothing was written. */
    private List<String> refused(Path config, String... options) throws IOException {
        Path out = tmp.resolve("never");
        String[] args = Stream.concat(Stream.of("simulate", config.toString(), "--out", out.toString(), "--quiet"),
                Stream.of(options)).toArray(String[]::new);
        CliTest.Outcome o = cli(args);
        assertEquals(2, o.code(), o.err());
        assertTrue(o.out().isEmpty(), o.out());
        try (Stream<Path> left = Files.list(tmp)) {
            assertTrue(left.noneMatch(p -> p.getFileName().toString().contains("never")), "nothing written");
        }
        return o.err().lines().toList();
    }

    private static String edit(String from, String to) {
        assertTrue(CONFIG.contains(from), from);
        return CONFIG.replace(from, to);
    }

    @Test
    void reportsArgumentProblemsAndConfigProblemsTogether() throws IOException {
        List<String> err = refused(config(edit("ratePerSec: 5", "ratePerSec: -5")), "--threads", "0", "--policies",
                "random,nope");
        assertEquals(List.of("--threads: must be between 1 and 1024 (0), expected a positive count",
                "--policies: unknown policy (nope), expected one of " + String.join(", ", PolicyRegistry.ids()),
                cfg() + ":13: services[0].arrivals.poisson.ratePerSec: must be positive (-5), expected a number in (0, 1e9]"),
                err);
    }

    @Test
    void reportsATracesUnknownDevicesAndMalformedLinesInOneReport() throws IOException {
        Path trace = Files.writeString(tmp.resolve("outages.csv"),
                "device,down_at_sec,up_at_sec\nghost,5,6\nnano-1,abc,20\n");
        List<String> err = refused(config(edit("  - { device: nano-2, atSec: 20, downSec: 60 }", "  - { trace: outages.csv }")));
        String at = "; referenced at " + cfg() + ":23: failures[0].trace";
        assertEquals(List.of(trace + ":2:1: unknown device (ghost), expected one of fast, nano-1, nano-2, orin" + at,
                trace + ":3:2: down_at_sec is not a number (abc), expected seconds from the start of the run, a decimal"
                        + " number >= 0" + at), err);
    }

    @Test
    void reportsAProblemOfEveryGridPointOnce() throws IOException {
        String yaml = edit("deadlineMs: 200", "deadlineMs: 0") + "sweep:\n  devices.nano.count: [2, 3, 4]\n";
        assertEquals(List.of(cfg() + ":15: services[0].deadlineMs: must be at least 1e-6 (0), expected a number in [1e-6, 1e11]"),
                refused(config(yaml)));
    }

    @Test
    void shortensValuesLongerThanEightyCharacters() throws IOException {
        String policy = "p".repeat(500);
        String shard = "1/" + "9".repeat(300);
        List<String> err = refused(config(edit("name: cli-test", "name: " + "n".repeat(100))), "--policies", policy,
                "--shard", shard);
        assertEquals(List.of("--shard: not a slice (" + shard.substring(0, 80) + "...), expected K/N with 1 <= K <= N,"
                        + " e.g. 2/8",
                "--policies: unknown policy (" + "p".repeat(80) + "...), expected one of "
                        + String.join(", ", PolicyRegistry.ids()),
                cfg() + ":1: name: is longer than 64 characters (" + "n".repeat(80) + "...), expected a name of lowercase"
                        + " letters, digits and '-' ([a-z0-9][a-z0-9-]*) that does not start with '-', at most 64"
                        + " characters"), err);
    }

    @Test
    void shortensValuesInTheCommandLineParsersMessagesToo() throws IOException {
        String digits = "9".repeat(5000);
        CliTest.Outcome o = cli("simulate", config(CONFIG).toString(), "--replications", digits);
        assertEquals(2, o.code());
        assertEquals("--replications: not a whole number in range (" + "9".repeat(80) + "...), expected an integer from "
                + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE, o.err().lines().findFirst().orElseThrow());
    }

    @Test
    void namesTheLineAndByteOffsetOfBytesThatAreNotUtf8() throws IOException {
        // "name: cli-test\n" is 15 bytes; the Latin-1 e-acute (0xE9) follows "seed: 7 # caf" (13 bytes) on line 2.
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes("name: cli-test\nseed: 7 # caf".getBytes(StandardCharsets.US_ASCII));
        bytes.write(0xE9);
        bytes.writeBytes(CONFIG.substring(CONFIG.indexOf("\nreplications")).getBytes(StandardCharsets.UTF_8));
        Path config = Files.write(tmp.resolve("exp.yaml"), bytes.toByteArray());
        assertEquals(List.of(cfg() + ":2: the file is not UTF-8 text (byte 0xE9 at byte offset 28), expected UTF-8 text"
                + " (save the file as UTF-8)"), refused(config));
        // A trace: "time_sec\n0\n" is 11 bytes, then 0xFF on line 3.
        Path trace = Files.write(tmp.resolve("req.csv"), new byte[] {'t', 'i', 'm', 'e', '_', 's', 'e', 'c', '\n', '0',
                '\n', (byte) 0xFF, '\n'});
        List<String> err = refused(config(edit("poisson: { ratePerSec: 5 }", "trace: req.csv")));
        assertEquals(List.of(trace + ":3: the file is not UTF-8 text (byte 0xFF at byte offset 11), expected a UTF-8"
                + " (or ASCII) CSV file; referenced at " + cfg() + ":13: services[0].arrivals.trace"), err);
    }

    @Test
    void reportsYamlNestingAndAliasLimitsAtTheirLine() throws IOException {
        String deep = "x: " + "[".repeat(60) + "]".repeat(60) + "\n";
        assertEquals(List.of(cfg() + ":25: the YAML is nested too deeply (more than 50 levels), expected at most 50"
                + " nested mappings and lists"), refused(config(CONFIG + deep)));
        StringBuilder laughs = new StringBuilder("a: &a [lol, lol, lol]\n");
        for (int k = 0; k < 6; k++) {
            laughs.append("b").append(k).append(": [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n");
        }
        // Line 25 anchors; lines 26.. hold 10 aliases each: the 51st is on line 31.
        assertEquals(List.of(cfg() + ":31: the YAML has too many aliases of mappings and lists (*a, alias number 51),"
                + " expected at most 50 (each can double the document's size)"), refused(config(CONFIG + laughs)));
    }

    @Test
    void refusesOptimalOverItsDeviceLimitBeforeAnyRun() throws IOException {
        assumeTrue(PolicyRegistry.find("optimal").isPresent(), "policy optimal is not registered yet");
        // 22 nanos, orin and fast: 24 devices. The config's own policies run fine; --policies adds optimal.
        List<String> err = refused(config(edit("count: 2 }", "count: 22 }")), "--policies", "equal-split,optimal");
        assertEquals(List.of("--policies: optimal searches every device subset and accepts at most 20 devices (24),"
                + " expected a smaller cluster or another policy"), err);
    }

    @Test
    void refusesRunsThatWouldExhaustTheHeapWithTheXmxTheyNeed() throws IOException {
        // 1e7/s for 3600 s on nano-1 and fast: 2 x 3.6e10 requests, +5 sd 36,000,948,683 each. With a job the
        // latencies of an instance are split between three arrays (training here, elsewhere, none) from 256 slots,
        // and the costliest split is taken (a brute force over shares 0, 1 and 2^k + 1 in two arrays, the rest in the
        // third): 2^29 + 1 (2^30 slots + the sorted copy: 1,610,612,737), 2^30 + 1 (3,221,225,473) and the rest,
        // 34,390,335,945.3 (2^36 slots + its copy: 103,109,812,681.3), 107,941,650,891.3 slots = 863,533,207,130
        // bytes; a run 1,727,066,414,261 bytes = 1608.5 GiB; + 64 MiB margin; -Xmx = ceil(1,727,133,523,125 x 3 / 2
        // / 2^30) = 2413 GiB. The 1e-5 ms service time keeps the load far below 1.
        String yaml = edit("ratePerSec: 5", "ratePerSec: 1e7").replace("exponential: { meanMs: 40 }",
                "constant: { ms: 1e-5 }");
        List<String> err = refused(config(yaml), "--threads", "1");
        assertEquals(1, err.size(), String.join("\n", err));
        String line = err.get(0);
        assertTrue(line.startsWith(cfg() + ":13: services[0].arrivals: the runs would not fit in memory: about"
                + " 72,000,000,000 LC requests per run over horizonSec = 3600 (service detector: 72,000,000,000), 1608.5"
                + " GiB per run (1608.5 GiB for 1 run at once), expected at most "), line);
        assertTrue(line.endsWith(" heap; run with DEEPEDGE_JAVA_OPTS=-Xmx2413g, fewer --threads, a lower rate or a"
                + " shorter horizonSec"), line);
    }

    @Test
    void refusesAbsurdMagnitudesWithTheAcceptedRange() throws IOException {
        String yaml = edit("samples: 4000", "samples: 9223372036854775807").replace("replications: 3",
                "replications: 1e9");
        assertEquals(List.of(
                cfg() + ":3: replications: must be at most 10000 (1e9), expected an integer from 1 to 10000",
                cfg() + ":18: training.samples: must be at most 1e12 (9223372036854775807), expected an integer from 1"
                        + " to 1e12"), refused(config(yaml)));
    }

    @Test
    void appliesOneNameRuleToServicesDevicesAndGeneratedNames() throws IOException {
        String rule = "expected a name of lowercase letters, digits and '-' ([a-z0-9][a-z0-9-]*) that does not start"
                + " with '-', at most 64 characters";
        assertEquals(List.of(cfg() + ":11: services[0].name: is not a valid name (Detector), " + rule),
                refused(config(edit("- name: detector", "- name: Detector"))));
        // "orin" renamed "nano-2" collides with a name "nano" count 2 generates.
        List<String> err = refused(config(edit("{ name: orin,", "{ name: nano-2,")));
        assertEquals(cfg() + ":7: devices[1].name: duplicate device name, already used by devices[0] (nano-2), expected"
                + " device names that stay unique after count expansion (count n > 1 names NAME-1 .. NAME-n)", err.get(0));
    }
}
