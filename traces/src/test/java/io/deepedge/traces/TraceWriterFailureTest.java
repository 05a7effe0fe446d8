package io.deepedge.traces;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A write that fails at the final move leaves the target as it was and no temporary file beside it. */
class TraceWriterFailureTest {
    @TempDir
    Path dir;

    @Test
    void aFailedMoveLeavesNoTemporaryFile() throws IOException {
        Path target = Files.createDirectories(dir.resolve("trace.csv"));
        Files.writeString(target.resolve("mine.txt"), "the user's file\n");

        assertThrows(IOException.class, () -> TraceWriter.writeRequests(target, new double[] {0.5, 1.5}));

        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(target), files.toList());
        }
        assertEquals("the user's file\n", Files.readString(target.resolve("mine.txt")));
    }
}
