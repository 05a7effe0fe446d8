package io.deepedge.traces;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TraceWriterTest {
    @TempDir
    Path dir;

    @Test
    void functionsFilesReadBackRowForRow() throws IOException, TraceException {
        List<FunctionRow> rows = new SyntheticTrace(SyntheticTrace.Params.defaults()).functions(90, 3);
        Path f = dir.resolve("sub/fn.csv");
        TraceWriter.writeFunctions(f, rows);
        for (int r = 1; r <= 3; r++) {
            FunctionRow back = FunctionsTraceReader.read(f, FunctionSelection.row(r));
            assertArrayEquals(rows.get(r - 1).counts(), back.counts());
            assertEquals("fn-" + r, back.function());
        }
        assertTrue(Files.readString(f).startsWith("HashOwner,HashApp,HashFunction,Trigger,1,2,3,"));
        try (Stream<Path> files = Files.list(f.getParent())) {
            assertEquals(List.of(f), files.toList()); // no temporary file left behind
        }
    }

    @Test
    void requestFilesReadBackToTheMicrosecond() throws IOException, TraceException {
        double[] times = new SyntheticTrace(SyntheticTrace.Params.defaults()).requestTimes(5);
        Path f = dir.resolve("req.csv");
        TraceWriter.writeRequests(f, times);
        assertArrayEquals(times, RequestTraceReader.read(f).timesSec(), 0.5e-6 + 1e-9);
    }
}
