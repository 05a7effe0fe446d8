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
import static org.junit.jupiter.api.Assertions.assertTrue;

class FunctionsTraceReaderTest {
    private static final String HEADER = "HashOwner,HashApp,HashFunction,Trigger,1,2,3,4,5\n";
    private static final String GOOD = HEADER
            + "o1,a1,f1,http,1,0,0,0,2\n"
            + "o1,a1,f2,timer,60,60,120,0,0\n";

    @TempDir
    Path dir;

    private String file(String name) {
        return dir.resolve(name).toString();
    }

    private static Arrivals.Step step(double atSec, double rate) {
        return new Arrivals.Step(atSec, rate);
    }

    @Test
    void selectsARowByNumberOrByFunction() throws TraceException {
        Path f = write(dir, "f.csv", GOOD);
        FunctionRow second = FunctionsTraceReader.read(f, FunctionSelection.row(2));
        assertEquals(new FunctionRow(f.toString(), 2, "o1", "a1", "f2", "timer", new int[] {60, 60, 120, 0, 0}), second);
        assertEquals(second, FunctionsTraceReader.read(f, FunctionSelection.function("f2")));
        FunctionRow first = FunctionsTraceReader.read(f, FunctionSelection.row(1));
        assertArrayEquals(new int[] {1, 0, 0, 0, 2}, first.counts());
        assertEquals(3.0 / 300, first.meanRatePerSec(), 1e-12);
    }

    @Test
    void replaysOneStepPerMinuteMergingEqualRatesAndEndingAtZero() throws TraceException {
        FunctionRow row = FunctionsTraceReader.read(write(dir, "f.csv", GOOD), FunctionSelection.row(2));
        assertEquals(List.of(step(0, 1), step(120, 2), step(180, 0)), row.toSteps(1, 0).steps());
        assertEquals(List.of(step(0, 3), step(120, 6), step(180, 0)), row.toSteps(3, 0).steps());
        // Repeated until 600 s: the five minutes twice.
        assertEquals(List.of(step(0, 1), step(120, 2), step(180, 0), step(300, 1), step(420, 2), step(480, 0)),
                row.toSteps(1, 600).steps());
        FunctionRow first = FunctionsTraceReader.read(write(dir, "g.csv", GOOD), FunctionSelection.row(1));
        assertEquals(List.of(step(0, 1 / 60.0), step(60, 0), step(240, 2 / 60.0), step(300, 0)), first.toSteps(1, 0).steps());
    }

    @Test
    void reportsBadCountsAtTheirColumns() {
        Path f = write(dir, "f.csv", HEADER + "o,a,f1,http,1,x,0,0,0\no,a,f2,http,1,2,-3,0,1.5\n");
        assertEquals(List.of(
                file("f.csv") + ":2:6: invocation count is not a non-negative integer (x), expected an integer from 0 to 2147483647",
                file("f.csv") + ":3:7: invocation count is not a non-negative integer (-3), expected an integer from 0 to 2147483647",
                file("f.csv") + ":3:9: invocation count is not a non-negative integer (1.5), expected an integer from 0 to 2147483647"),
                problems(() -> FunctionsTraceReader.read(f, FunctionSelection.row(1))));
    }

    @Test
    void reportsAWrongColumnCount() {
        Path f = write(dir, "f.csv", HEADER + "o,a,f1,http,1,2,3,4\n");
        assertEquals(List.of(file("f.csv") + ":2:9: wrong number of columns: the header has 9 (8 columns), "
                + "expected 9 comma-separated fields"), problems(() -> FunctionsTraceReader.read(f, FunctionSelection.row(1))));
    }

    @Test
    void reportsAnUnknownFunctionARowPastTheEndAndADuplicateFunction() {
        Path f = write(dir, "f.csv", GOOD);
        assertEquals(List.of(file("f.csv") + ":1:3: no row has this HashFunction (nope), expected a HashFunction of the "
                + "file, or a selection by row number"), problems(() -> FunctionsTraceReader.read(f, FunctionSelection.function("nope"))));
        assertEquals(List.of(file("f.csv") + ":1: row 3 is past the last data row (row 3), expected a row from 1 to 2"),
                problems(() -> FunctionsTraceReader.read(f, FunctionSelection.row(3))));
        Path twice = write(dir, "t.csv", GOOD + "o2,a2,f2,http,1,1,1,1,1\n");
        assertTrue(problems(() -> FunctionsTraceReader.read(twice, FunctionSelection.function("f2"))).get(0)
                .startsWith(file("t.csv") + ":4:3: HashFunction is not unique: line 3 has it too (f2)"));
    }

    @Test
    void reportsAWrongHeaderAndASilentRow() {
        Path app = write(dir, "h.csv", "HashOwner,App,HashFunction,Trigger,1\no,a,f,http,1\n");
        assertTrue(problems(() -> FunctionsTraceReader.read(app, FunctionSelection.row(1))).get(0)
                .startsWith(file("h.csv") + ":1:2: not the Azure Functions header (App), expected column 2 named HashApp"));
        Path minutes = write(dir, "m.csv", "HashOwner,HashApp,HashFunction,Trigger,1,3\no,a,f,http,1,1\n");
        assertEquals(List.of(file("m.csv") + ":1:6: minute columns must be numbered 1, 2, ... in order (3), expected 2"),
                problems(() -> FunctionsTraceReader.read(minutes, FunctionSelection.row(1))));
        Path silent = write(dir, "s.csv", HEADER + "o,a,f,http,0,0,0,0,0\n");
        assertEquals(List.of(file("s.csv") + ":2:5: the selected function has no invocations (all counts 0), expected a "
                + "row with at least one invocation"), problems(() -> FunctionsTraceReader.read(silent, FunctionSelection.row(1))));
    }
}
