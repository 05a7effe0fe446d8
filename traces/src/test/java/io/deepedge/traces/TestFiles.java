package io.deepedge.traces;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertThrows;

/** Writes small trace files for the reader tests and collects a reader's problem lines. */
final class TestFiles {
    private TestFiles() {
    }

    static Path write(Path dir, String name, String text) {
        try {
            return Files.writeString(dir.resolve(name), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What a reader must reject. */
    interface Read {
        void run() throws TraceException;
    }

    /** The formatted problems of a read that must fail. */
    static List<String> problems(Read read) {
        return assertThrows(TraceException.class, read::run).lines();
    }
}
