package io.deepedge.traces;

import io.deepedge.models.Arrivals;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static io.deepedge.traces.TestFiles.problems;
import static io.deepedge.traces.TestFiles.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RequestTraceReaderTest {
    @TempDir
    Path dir;

    private String file(String name) {
        return dir.resolve(name).toString();
    }

    @Test
    void readsSecondsIgnoringOtherColumnsAndSpaces() throws TraceException {
        Path f = write(dir, "r.csv", "id,time_sec\na, 0.5\nb,0.5\nc,2\nd,10\n\n\n");
        RequestTrace trace = RequestTraceReader.read(f);
        assertArrayEquals(new double[] {0.5, 0.5, 2, 10}, trace.timesSec());
        assertEquals(9.5, trace.spanSec());
        assertEquals(3 / 9.5, trace.meanRatePerSec(), 1e-12);
    }

    @Test
    void readsAzureTimestampsShiftedSoTheFirstIsZero() throws TraceException {
        Path f = write(dir, "a.csv", "TIMESTAMP,ContextTokens,GeneratedTokens\n"
                + "2023-11-16 18:15:46.6805900,374,44\n2023-11-16 18:15:50.9951690,396,109\n"
                + "2023-11-16 18:16:46.6805901,1,1");
        assertArrayEquals(new double[] {0, 4.314579, 60.0000001}, RequestTraceReader.read(f).timesSec(), 1e-12);
    }

    @Test
    void readsTheShippedAzureTraces() throws TraceException {
        RequestTrace conv = RequestTraceReader.read(Path.of("AzureLLMInferenceTrace_conv.csv"));
        assertEquals(19_366, conv.count());
        assertEquals(0, conv.firstSec());
        assertEquals(58.4, conv.spanSec() / 60, 0.05);
        assertEquals(5.5, conv.meanRatePerSec(), 0.05);
        RequestTrace code = RequestTraceReader.read(Path.of("AzureLLMInferenceTrace_code.csv"));
        assertEquals(8_819, code.count());
        assertEquals(57.3, code.spanSec() / 60, 0.05);
    }

    @Test
    void reportsABadNumberAtItsLineAndColumn() {
        Path f = write(dir, "r.csv", "id,time_sec\na,1\nb,abc\nc,NaN\nd,-1\n");
        assertEquals(List.of(
                file("r.csv") + ":3:2: time_sec is not a number (abc), expected seconds from the start of the run, a decimal number >= 0",
                file("r.csv") + ":4:2: time_sec is not a number (NaN), expected seconds from the start of the run, a decimal number >= 0",
                file("r.csv") + ":5:2: time_sec is negative (-1), expected seconds from the start of the run, a decimal number >= 0"),
                problems(() -> RequestTraceReader.read(f)));
    }

    @Test
    void reportsADecreasingTime() {
        Path f = write(dir, "r.csv", "time_sec\n1\n2.5\n1.5\n3\n");
        List<String> problems = problems(() -> RequestTraceReader.read(f));
        assertEquals(List.of(file("r.csv") + ":4:1: time decreases: the previous request is at 2.5 s (1.5), "
                + "expected rows in non-decreasing time order"), problems);
    }

    @Test
    void reportsADecreasingOrMalformedTimestamp() {
        Path f = write(dir, "a.csv", "TIMESTAMP,ContextTokens\n2023-11-16 18:15:46.6805900,1\n"
                + "2023-11-16 18:15:45.0000000,2\n2023-11-16 25:00:00.0,3\n");
        List<String> problems = problems(() -> RequestTraceReader.read(f));
        assertEquals(2, problems.size());
        assertTrue(problems.get(0).startsWith(file("a.csv") + ":3:1: time decreases: the previous request is at 0 s "
                + "(2023-11-16 18:15:45.0000000)"), problems.get(0));
        assertTrue(problems.get(1).startsWith(file("a.csv") + ":4:1: TIMESTAMP is not a date-time (2023-11-16 25:00:00.0)"),
                problems.get(1));
    }

    @Test
    void reportsAWrongColumnCount() {
        Path f = write(dir, "r.csv", "id,time_sec,tokens\na,1,5\nb,2\nc,3,4,5\n");
        assertEquals(List.of(
                file("r.csv") + ":3:3: wrong number of columns: the header has 3 (2 columns), expected 3 comma-separated fields",
                file("r.csv") + ":4:4: wrong number of columns: the header has 3 (4 columns), expected 3 comma-separated fields"),
                problems(() -> RequestTraceReader.read(f)));
    }

    @Test
    void reportsAMissingTimeColumnAnEmptyFileAndNoRows() {
        Path noColumn = write(dir, "n.csv", "time,x\n1,2\n");
        assertTrue(problems(() -> RequestTraceReader.read(noColumn)).get(0)
                .startsWith(file("n.csv") + ":1:1: the header has no time column (time,x)"));
        Path empty = write(dir, "e.csv", "");
        assertTrue(problems(() -> RequestTraceReader.read(empty)).get(0).startsWith(file("e.csv") + ":1: the trace file is empty"));
        Path headerOnly = write(dir, "h.csv", "time_sec\n");
        assertTrue(problems(() -> RequestTraceReader.read(headerOnly)).get(0)
                .startsWith(file("h.csv") + ":1: the trace has no requests"));
        Path missing = dir.resolve("missing.csv");
        assertEquals(List.of(file("missing.csv") + ": cannot read the trace file (no such file), expected a readable CSV file"),
                problems(() -> RequestTraceReader.read(missing)));
    }

    @Test
    void reportsABlankLineInsideTheData() {
        Path f = write(dir, "r.csv", "time_sec\n1\n\n2\n");
        assertEquals(List.of(file("r.csv") + ":3: blank line inside the data, expected one row per line, blank lines only at the end"),
                problems(() -> RequestTraceReader.read(f)));
    }

    @Test
    void listsTwentyProblemsAndCountsTheRestWithTheirLines() {
        Path f = write(dir, "r.csv", "time_sec\n" + "x\n".repeat(50));
        List<String> problems = problems(() -> RequestTraceReader.read(f));
        assertEquals(TraceException.MAX_PROBLEMS + 1, problems.size());
        assertTrue(problems.get(19).startsWith(file("r.csv") + ":21:1: time_sec is not a number (x)"));
        assertEquals(file("r.csv") + ": 30 more problems not listed (lines 22 to 51), expected the listed problems"
                + " fixed first (then run again to see the rest)", problems.get(20));
    }

    @Test
    void scalesAndLoopsIntoRecordedArrivals() {
        RequestTrace trace = new RequestTrace("t", new double[] {0, 1, 2, 4});
        Arrivals.Recorded once = trace.toArrivals("t x2", 2, false);
        assertEquals(new Arrivals.Recorded("t x2", List.of(0.0, 0.5, 1.0, 2.0), 0), once);
        // Period: the scaled last time (2) plus the scaled mean gap (4 / 3 / 2).
        assertEquals(2 + 2.0 / 3, trace.toArrivals("t", 2, true).periodSec(), 1e-12);
        assertEquals(4 + 4.0 / 3, trace.toArrivals("t", 1, true).periodSec(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> new RequestTrace("one", new double[] {3}).toArrivals("one", 1, true));
        assertThrows(IllegalArgumentException.class, () -> trace.toArrivals("t", 0, false));
    }
}
