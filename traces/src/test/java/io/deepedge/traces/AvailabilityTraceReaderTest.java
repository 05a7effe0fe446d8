package io.deepedge.traces;

import io.deepedge.models.Failure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static io.deepedge.traces.TestFiles.problems;
import static io.deepedge.traces.TestFiles.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AvailabilityTraceReaderTest {
    @TempDir
    Path dir;

    private String file(String name) {
        return dir.resolve(name).toString();
    }

    @Test
    void readsOutagesWithAnOpenEnd() throws TraceException {
        Path f = write(dir, "a.csv", "device,down_at_sec,up_at_sec\nnano-2,300,900\nfast,100,\nnano-2,900,1000.5\n");
        assertEquals(List.of(new AvailabilityTraceReader.Entry(2, new Failure("nano-2", 300, 600)),
                new AvailabilityTraceReader.Entry(3, new Failure("fast", 100, Double.POSITIVE_INFINITY)),
                new AvailabilityTraceReader.Entry(4, new Failure("nano-2", 900, 100.5))), AvailabilityTraceReader.read(f));
        assertEquals(List.of(new Failure("fast", 100, Double.POSITIVE_INFINITY), new Failure("nano-2", 300, 600),
                new Failure("nano-2", 900, 100.5)), AvailabilityTraceReader.failures(f));
    }

    @Test
    void reportsUpNotAfterDownNegativeAndBadNumbers() {
        Path f = write(dir, "a.csv", "device,down_at_sec,up_at_sec\nn1,100,100\nn2,-5,10\nn3,abc,10\nn4,5,1e999\n,1,2\n");
        assertEquals(List.of(
                file("a.csv") + ":2:3: up_at_sec is not after down_at_sec = 100 (100), expected a time > down_at_sec, or empty when the device never returns",
                file("a.csv") + ":3:2: down_at_sec is negative (-5), expected seconds from the start of the run, a decimal number >= 0",
                file("a.csv") + ":4:2: down_at_sec is not a number (abc), expected seconds from the start of the run, a decimal number >= 0",
                file("a.csv") + ":5:3: up_at_sec is not a number (1e999), expected a time > down_at_sec, or empty when the device never returns",
                file("a.csv") + ":6:1: device name is empty (\"\"), expected a device name of the config"),
                problems(() -> AvailabilityTraceReader.read(f)));
    }

    @Test
    void reportsOverlapsAWrongHeaderAndAWrongColumnCount() {
        Path overlap = write(dir, "o.csv", "device,down_at_sec,up_at_sec\nn1,100,\nn1,500,600\n");
        assertTrue(problems(() -> AvailabilityTraceReader.read(overlap)).get(0)
                .startsWith(file("o.csv") + ":3:2: overlaps the outage of n1 on line 2 (500)"));
        Path header = write(dir, "h.csv", "device,down,up\nn1,1,2\n");
        assertTrue(problems(() -> AvailabilityTraceReader.read(header)).get(0)
                .startsWith(file("h.csv") + ":1:1: not an availability trace header (device,down,up), expected device,down_at_sec,up_at_sec"));
        Path columns = write(dir, "c.csv", "device,down_at_sec,up_at_sec\nn1,1\n");
        assertEquals(List.of(file("c.csv") + ":2:3: wrong number of columns: the header has 3 (2 columns), expected 3 "
                + "comma-separated fields"), problems(() -> AvailabilityTraceReader.read(columns)));
    }
}
