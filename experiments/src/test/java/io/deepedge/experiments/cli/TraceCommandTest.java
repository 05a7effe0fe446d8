package io.deepedge.experiments.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code deepedge trace synth} and {@code deepedge trace stats}, in-process. */
class TraceCommandTest {
    @TempDir
    Path tmp;

    private static CliTest.Outcome cli(String... args) {
        return CliTest.cli(args);
    }

    @Test
    void synthWritesTheSameFunctionsFileForASeed() throws IOException {
        Path a = tmp.resolve("a.csv");
        Path b = tmp.resolve("b.csv");
        String[] options = {"--seed", "7", "--minutes", "60", "--functions", "3", "--rate", "2", "--trend-per-hour", "0.5"};
        CliTest.Outcome first = cli(concat(new String[] {"trace", "synth", "--out", a.toString()}, options));
        assertEquals(0, first.code(), first.err());
        assertTrue(first.out().contains("3 function(s) x 60 minutes"), first.out());
        assertEquals(0, cli(concat(new String[] {"trace", "synth", "--out", b.toString()}, options)).code());
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
        List<String> lines = Files.readAllLines(a);
        assertEquals(4, lines.size());
        assertTrue(lines.get(0).startsWith("HashOwner,HashApp,HashFunction,Trigger,1,2,3,") && lines.get(0).endsWith(",60"));
        CliTest.Outcome stats = cli("trace", "stats", a.toString(), "--format", "functions", "--function", "fn-2");
        assertEquals(0, stats.code(), stats.err());
        assertTrue(stats.out().contains("row 2: function fn-2 (http), 60 minutes"), stats.out());
    }

    @Test
    void synthWritesARequestsFileThatStatsReads() {
        Path f = tmp.resolve("req.csv");
        CliTest.Outcome synth = cli("trace", "synth", "--out", f.toString(), "--format", "requests", "--minutes", "10",
                "--rate", "3", "--bursts-per-hour", "0", "--noise-cv", "0", "--diurnal-amplitude", "0");
        assertEquals(0, synth.code(), synth.err());
        CliTest.Outcome stats = cli("trace", "stats", f.toString());
        assertEquals(0, stats.code(), stats.err());
        assertTrue(stats.out().matches("(?s).*mean rate (2\\.[89]|3\\.[01])\\d* req/s.*"), stats.out());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--rate|0|--rate: out of range (0), expected a number > 0",
            "--diurnal-amplitude|1.5|--diurnal-amplitude: out of range (1.5), expected a number in [0, 1]",
            "--noise-cv|-1|--noise-cv: out of range (-1), expected a number >= 0",
            "--burst-sec|0|--burst-sec: out of range (0), expected a number > 0",
            "--minutes|0|--minutes: out of range (0), expected an integer from 1 to 527040",
            "--format|xml|--format: unknown format (xml), expected one of functions, requests",
            "--trend-per-hour|NaN|--trend-per-hour: not a finite number (NaN), expected a decimal number such as 2.5"})
    void synthRejectsABadOptionNamingItAndItsValue(String option, String value, String message) {
        Path f = tmp.resolve("x.csv");
        CliTest.Outcome o = cli("trace", "synth", "--out", f.toString(), option, value);
        assertEquals(2, o.code());
        assertEquals(message, o.err().lines().findFirst().orElse(""));
        assertFalse(Files.exists(f));
    }

    @Test
    void synthRejectsUnparsableAndInconsistentOptions() {
        CliTest.Outcome notANumber = cli("trace", "synth", "--out", tmp.resolve("x.csv").toString(), "--rate", "fast");
        assertEquals(2, notANumber.code());
        assertTrue(notANumber.err().contains("--rate") && notANumber.err().contains("fast"), notANumber.err());
        CliTest.Outcome functions = cli("trace", "synth", "--out", tmp.resolve("x.csv").toString(), "--format", "requests",
                "--functions", "2");
        assertEquals(2, functions.code());
        assertTrue(functions.err().startsWith("--functions: applies to --format functions only (2)"), functions.err());
        assertEquals(2, cli("trace").code());
    }

    @Test
    void statsSummarisesTheShippedAzureTrace() {
        CliTest.Outcome o = cli("trace", "stats", "../traces/AzureLLMInferenceTrace_conv.csv");
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("19366 requests, first at 0 s") && o.out().contains("(58.4 min)"), o.out());
    }

    @Test
    void statsReportsAMalformedFileAtItsLineAndColumnWithExitCode2() throws IOException {
        Path bad = Files.writeString(tmp.resolve("bad.csv"), "device,down_at_sec,up_at_sec\nn1,10,5\n");
        CliTest.Outcome o = cli("trace", "stats", bad.toString(), "--format", "availability");
        assertEquals(2, o.code());
        assertTrue(o.err().startsWith(bad + ":2:3: up_at_sec is not after down_at_sec = 10 (5)"), o.err());
        CliTest.Outcome row = cli("trace", "stats", bad.toString(), "--row", "2");
        assertEquals(2, row.code());
        assertTrue(row.err().startsWith("--row: applies to --format functions only (2)"), row.err());
    }

    @Test
    void simulateRejectsAConfigWithAMalformedTraceWithExitCode2() throws IOException {
        Path trace = Files.writeString(tmp.resolve("load.csv"), "time_sec\n0\n2\n1\n");
        Path config = Files.writeString(tmp.resolve("exp.yaml"), CliTest.CONFIG.replace(
                "arrivals: { poisson: { ratePerSec: 5 } }", "arrivals: { trace: load.csv }"));
        CliTest.Outcome o = cli("simulate", config.toString(), "--out", tmp.resolve("out").toString(), "--quiet");
        assertEquals(2, o.code());
        assertEquals(trace + ":4:1: time decreases: the previous request is at 2 s (1), expected rows in non-decreasing "
                + "time order; referenced at " + config + ":13: services[0].arrivals.trace", o.err().strip());
        assertFalse(Files.exists(tmp.resolve("out")));
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = new String[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
