package io.deepedge.traces;

import io.deepedge.models.Failure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static io.deepedge.traces.TestFiles.problems;
import static io.deepedge.traces.TestFiles.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every problem of a trace file in one report: bytes that are not UTF-8 (named by line and byte offset),
 * unknown devices next to malformed lines, duplicates, and long values shortened.
 */
class OnePassProblemsTest {
    private static final String AVAILABILITY = "device,down_at_sec,up_at_sec\n";

    @TempDir
    Path dir;

    private Path bytes(String name, byte[]... parts) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.write(part);
        }
        return Files.write(dir.resolve(name), out.toByteArray());
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void namesEachLineThatIsNotUtf8ByItsByteOffsetAndReadsOn() throws Exception {
        // "time_sec\n" is bytes 0-8, "1\n" 9-10, "2" 11, then 0xC3 '(' (a broken two-byte sequence) at 12.
        Path f = bytes("r.csv", ascii("time_sec\n1\n2"), new byte[] {(byte) 0xC3, '('}, ascii("\n3\nx\n"),
                new byte[] {(byte) 0xFF}, ascii("\n"));
        assertEquals(List.of(
                f + ":3: the file is not UTF-8 text (byte 0xC3 at byte offset 12), expected a UTF-8 (or ASCII) CSV file",
                f + ":5:1: time_sec is not a number (x), expected seconds from the start of the run, a decimal number >= 0",
                // 12 bytes before 0xC3, then 0xC3 '(' and "\n3\nx\n" (5 bytes): 12 + 2 + 5 = 19
                f + ":6: the file is not UTF-8 text (byte 0xFF at byte offset 19), expected a UTF-8 (or ASCII) CSV file"),
                problems(() -> RequestTraceReader.read(f)));
    }

    @Test
    void countsLinesAndOffsetsOverWindowsAndOldMacLineEnds() throws Exception {
        // "time_sec\r\n" 10 bytes, "0\r" 2 (a lone CR ends a line too), "1\r\n" 3: the bad byte is at 15, line 4.
        Path f = bytes("r.csv", ascii("time_sec\r\n0\r1\r\n"), new byte[] {(byte) 0xE9}, ascii("\r\n2\r\n"));
        assertEquals(List.of(f + ":4: the file is not UTF-8 text (byte 0xE9 at byte offset 15), expected a UTF-8 (or"
                + " ASCII) CSV file"), problems(() -> RequestTraceReader.read(f)));
        Path good = bytes("g.csv", ascii("time_sec\r\n0\r1\r\n2"));
        assertArrayEquals(new double[] {0, 1, 2}, RequestTraceReader.read(good).timesSec());
    }

    @Test
    void reportsUnknownDevicesWithMalformedLinesAndOverlapsInLineOrder() {
        Path f = write(dir, "a.csv", AVAILABILITY + "ghost,5,6\nnano-1,10,20\nnano-2,abc,7\nnano-1,15,30\nspook,1,\n");
        String known = "one of nano-1, nano-2";
        assertEquals(List.of(
                f + ":2:1: unknown device (ghost), expected one of nano-1, nano-2",
                f + ":4:2: down_at_sec is not a number (abc), expected seconds from the start of the run, a decimal number >= 0",
                f + ":5:2: overlaps the outage of nano-1 on line 3 (15), expected a time at or after that outage ends"
                        + " (outages of a device in time order)",
                f + ":6:1: unknown device (spook), expected one of nano-1, nano-2"),
                problems(() -> AvailabilityTraceReader.read(f, Set.of("nano-1", "nano-2")::contains, known)));
    }

    @Test
    void acceptsEveryDeviceWithoutAListAndTheKnownOnesWithIt() throws TraceException {
        Path f = write(dir, "a.csv", AVAILABILITY + "nano-1,10,20\n");
        assertEquals(List.of(new AvailabilityTraceReader.Entry(2, new Failure("nano-1", 10, 10))),
                AvailabilityTraceReader.read(f, Set.of("nano-1")::contains, "one of nano-1"));
        assertEquals(AvailabilityTraceReader.read(f), AvailabilityTraceReader.read(f, d -> true, "any"));
    }

    @Test
    void reportsEveryWrongHeaderColumnOfAFunctionsFileAtOnce() {
        Path f = write(dir, "f.csv", "HashOwner,App,Hash,Trigger,1,3,4\no,a,f,http,1,1,1\n");
        assertEquals(List.of(
                f + ":1:2: not the Azure Functions header (App), expected column 2 named HashApp in a header"
                        + " HashOwner,HashApp,HashFunction,Trigger,1,2,...,1440",
                f + ":1:3: not the Azure Functions header (Hash), expected column 3 named HashFunction in a header"
                        + " HashOwner,HashApp,HashFunction,Trigger,1,2,...,1440",
                f + ":1:6: minute columns must be numbered 1, 2, ... in order (3), expected 2",
                f + ":1:7: minute columns must be numbered 1, 2, ... in order (4), expected 3"),
                problems(() -> FunctionsTraceReader.read(f, FunctionSelection.row(1))));
    }

    @Test
    void reportsADuplicateHashFunctionEvenWhenItsFirstRowIsMalformed() {
        Path f = write(dir, "f.csv", "HashOwner,HashApp,HashFunction,Trigger,1,2\no,a,f1,http,x,1\no,a,f1,http,1,1\n");
        assertEquals(List.of(
                f + ":2:5: invocation count is not a non-negative integer (x), expected an integer from 0 to 2147483647",
                f + ":3:3: HashFunction is not unique: line 2 has it too (f1), expected a HashFunction of exactly one"
                        + " row, or a selection by row number"),
                problems(() -> FunctionsTraceReader.read(f, FunctionSelection.function("f1"))));
    }

    @Test
    void reportsADuplicateTimeColumnAndStillChecksTheRows() {
        Path f = write(dir, "r.csv", "time_sec,id,time_sec\n1,a,2\nx,b,3\n");
        assertEquals(List.of(
                f + ":1:3: duplicate time column, also column 1 (time_sec), expected one time_sec column",
                f + ":3:1: time_sec is not a number (x), expected seconds from the start of the run, a decimal number >= 0"),
                problems(() -> RequestTraceReader.read(f)));
    }

    @Test
    void stopsAtALineLongerThanAMebibyteAndListsWhyAfterTheCountedRest() throws Exception {
        byte[] huge = new byte[ByteLines.MAX_LINE_BYTES + 1];
        java.util.Arrays.fill(huge, (byte) '1');
        // 25 malformed rows (lines 2..26), then a line with no end in sight: /dev/zero, a binary file.
        Path f = bytes("r.csv", ascii("time_sec\n" + "x\n".repeat(25)), huge, ascii("\n2\n"));
        List<String> problems = problems(() -> RequestTraceReader.read(f));
        assertEquals(22, problems.size());
        assertEquals(List.of(f + ": 5 more problems not listed (lines 22 to 26), expected the listed problems fixed first"
                        + " (then run again to see the rest)",
                f + ":27: the line is too long, reading stopped (more than 1048576 bytes), expected lines of at most"
                        + " 1048576 bytes (is this a CSV file?)"), problems.subList(20, 22));
    }

    @Test
    void shortensValuesAndLongWordsOfAProblemToEightyCharacters() {
        String device = "d".repeat(200);
        Path f = write(dir, "a.csv", AVAILABILITY + device + ",1,2\n" + device + ",1,3\n");
        String shown = "d".repeat(80) + "...";
        assertEquals(List.of(f + ":3:2: overlaps the outage of " + shown + " on line 2 (1), expected a time at or after"
                + " that outage ends (outages of a device in time order)"), problems(() -> AvailabilityTraceReader.read(f)));
        assertEquals(List.of(f + ":2:1: unknown device (" + shown + "), expected one of x",
                        f + ":3:1: unknown device (" + shown + "), expected one of x"),
                problems(() -> AvailabilityTraceReader.read(f, "x"::equals, "one of x")));
    }
}
