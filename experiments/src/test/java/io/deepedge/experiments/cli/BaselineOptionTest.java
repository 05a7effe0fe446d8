package io.deepedge.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --baseline}: its default, its check before any work, and report recomputing comparison.csv with it. */
class BaselineOptionTest {
    @TempDir
    Path tmp;

    @Test
    void theDefaultIsTheFirstBaselinePolicyRunElseTheFirstPolicy() {
        assertEquals("random", ReportSetup.defaultBaseline(List.of("deep-edge", "optimal", "random", "equal-split")));
        assertEquals("deep-edge", ReportSetup.defaultBaseline(List.of("deep-edge", "optimal")));
    }

    @Test
    void anUnknownBaselineIsRefusedBeforeAnyWork() throws IOException {
        Path config = Files.writeString(tmp.resolve("cli.yaml"), CliTest.CONFIG);
        Path out = tmp.resolve("out");
        CliTest.Outcome o = CliTest.cli("simulate", config.toString(), "--out", out.toString(), "--baseline", "deep-edge");
        assertEquals(2, o.code());
        assertEquals("--baseline: not one of the policies run (deep-edge), expected one of equal-split,"
                + " throughput-proportional, fastest-single, random", o.err().strip());
        assertTrue(Files.notExists(out));
    }

    @Test
    void simulateRecordsItsBaselineAndReportCanChangeIt() throws IOException {
        Path config = Files.writeString(tmp.resolve("cli.yaml"), CliTest.CONFIG);
        Path out = tmp.resolve("out");
        CliTest.Outcome o = CliTest.cli("simulate", config.toString(), "--out", out.toString(), "--quiet",
                "--policies", "random,fastest-single", "--replications", "2");
        assertEquals(0, o.code(), o.err());
        assertTrue(Files.readString(out.resolve("manifest.json")).contains("\"baseline\" : \"random\""));
        assertTrue(Files.readAllLines(out.resolve("comparison.csv")).get(1).startsWith("fastest-single,random,"));

        o = CliTest.cli("report", out.toString(), "--baseline", "fastest-single");
        assertEquals(0, o.code(), o.err());
        assertTrue(Files.readAllLines(out.resolve("comparison.csv")).get(1).startsWith("random,fastest-single,"));
        assertTrue(Files.readString(out.resolve("report.html")).contains("Paired comparison against fastest-single"));

        o = CliTest.cli("report", out.toString(), "--baseline", "nope");
        assertEquals(2, o.code());
        assertEquals("--baseline: not one of the policies run (nope), expected one of random, fastest-single",
                o.err().strip());
    }
}
