package io.deepedge.experiments.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Progress on stderr: the plain lines' content, nothing when quiet or quick, and never a change to a result. */
class ProgressTest {
    @TempDir
    Path tmp;

    /** A stream that fails the test if the bar is ever drawn where the plain mode was asked for. */
    private static final PrintStream NO_TERMINAL = new PrintStream(new java.io.OutputStream() {
        @Override
        public void write(int b) {
            throw new AssertionError("the bar was drawn in plain mode");
        }
    });

    private static List<String> plainLines(int total, double afterSec, int reports) {
        StringWriter text = new StringWriter();
        try (Progress p = Progress.start(Progress.Mode.PLAIN, total, new PrintWriter(text), NO_TERMINAL, afterSec)) {
            for (int i = 0; i < reports; i++) {
                p.accept(i);
            }
        }
        return text.toString().lines().toList();
    }

    @Test
    void plainLinesMarkEachTenthOfTheRuns() {
        // 18 runs: the n where floor(10 n / 18) steps up, worked out by hand: 2, 4, 6, 8, 9, 11, 13, 15, 17, 18
        assertEquals(List.of("simulating 18 runs (a line each 10 %)",
                "simulated 2/18 runs (11 %)", "simulated 4/18 runs (22 %)", "simulated 6/18 runs (33 %)",
                "simulated 8/18 runs (44 %)", "simulated 9/18 runs (50 %)", "simulated 11/18 runs (61 %)",
                "simulated 13/18 runs (72 %)", "simulated 15/18 runs (83 %)", "simulated 17/18 runs (94 %)",
                "simulated 18/18 runs (100 %)"), plainLines(18, 0, 18));
        // fewer runs than tenths: a line per run
        assertEquals(List.of("simulating 3 runs (a line each 10 %)", "simulated 1/3 runs (33 %)",
                "simulated 2/3 runs (66 %)", "simulated 3/3 runs (100 %)"), plainLines(3, 0, 3));
    }

    @Test
    void quickWorkAndQuietShowNothing() {
        // an hour's delay is never reached by a loop of 50 reports
        assertEquals(List.of(), plainLines(50, 3600, 50));
        StringWriter text = new StringWriter();
        try (Progress p = Progress.start(Progress.Mode.QUIET, 5, new PrintWriter(text), NO_TERMINAL, 0)) {
            for (int i = 0; i < 5; i++) {
                p.accept(i);
            }
        }
        assertEquals("", text.toString());
    }

    @Test
    void linesFromManyThreadsStayInOrderAndComplete() throws InterruptedException {
        int total = 1000;
        StringWriter text = new StringWriter();
        Progress p = Progress.start(Progress.Mode.PLAIN, total, new PrintWriter(text), NO_TERMINAL, 0);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        for (int i = 0; i < total; i++) {
            int run = i;
            pool.execute(() -> p.accept(run));
        }
        pool.shutdown();
        assertTrue(pool.awaitTermination(60, TimeUnit.SECONDS));
        p.close();
        List<String> expected = new ArrayList<>(List.of("simulating 1000 runs (a line each 10 %)"));
        for (int k = 1; k <= 10; k++) {
            expected.add("simulated " + 100 * k + "/1000 runs (" + 10 * k + " %)");
        }
        assertEquals(expected, text.toString().lines().toList());
    }

    @Test
    void resultsAreByteIdenticalWithAndWithoutProgress() throws IOException {
        Path config = tmp.resolve("exp.yaml");
        Files.writeString(config, CliTest.CONFIG);
        Path shown = tmp.resolve("shown");
        Path quiet = tmp.resolve("quiet");
        CliTest.Outcome a = CliTest.cli("simulate", config.toString(), "--out", shown.toString(), "--no-timing",
                "--progress-after", "0");
        CliTest.Outcome b = CliTest.cli("simulate", config.toString(), "--out", quiet.toString(), "--no-timing",
                "--quiet");
        assertEquals(0, a.code(), a.err());
        assertEquals(0, b.code(), b.err());
        // under the test runner stderr is a pipe, not a terminal: plain lines, the last for all 12 runs
        assertTrue(a.err().contains("simulating 12 runs (a line each 10 %)"), a.err());
        assertTrue(a.err().contains("simulated 12/12 runs (100 %)"), a.err());
        assertFalse(b.err().contains("simulated"), b.err());
        for (String f : List.of("runs.csv", "services.csv", "summary.csv", "report.html")) {
            assertArrayEquals(Files.readAllBytes(quiet.resolve(f)), Files.readAllBytes(shown.resolve(f)), f);
        }
    }

    @Test
    void badDelayIsRefusedBeforeAnyWork() throws IOException {
        Path config = tmp.resolve("exp.yaml");
        Files.writeString(config, CliTest.CONFIG);
        Path out = tmp.resolve("out");
        CliTest.Outcome o = CliTest.cli("simulate", config.toString(), "--out", out.toString(), "--progress-after", "-1");
        assertEquals(2, o.code());
        assertTrue(o.err().contains("--progress-after: out of range (-1.0), expected seconds between 0 and 86400"), o.err());
        assertFalse(Files.exists(out));
    }
}
