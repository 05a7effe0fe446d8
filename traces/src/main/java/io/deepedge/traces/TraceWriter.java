package io.deepedge.traces;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;

/**
 * Writes trace files in the layouts the readers read. A file is written beside its target and renamed into
 * place when complete, so an interrupted write never leaves a truncated trace that reads as a valid one.
 */
public final class TraceWriter {
    private TraceWriter() {
    }

    /**
     * The Azure Functions layout: header {@code HashOwner,HashApp,HashFunction,Trigger,1..N}, one row per function.
     *
     * @param rows at least one, all with the same number of minutes
     */
    public static void writeFunctions(Path file, List<FunctionRow> rows) throws IOException {
        if (rows.isEmpty() || rows.stream().anyMatch(r -> r.minutes() != rows.get(0).minutes())) {
            throw new IllegalArgumentException("need at least one row, all with the same number of minutes");
        }
        write(file, out -> {
            out.write(String.join(",", FunctionsTraceReader.ID_COLUMNS));
            for (int m = 1; m <= rows.get(0).minutes(); m++) {
                out.write("," + m);
            }
            out.write('\n');
            for (FunctionRow r : rows) {
                out.write(String.join(",", r.owner(), r.app(), r.function(), r.trigger()));
                for (int count : r.counts()) {
                    out.write("," + count);
                }
                out.write('\n');
            }
        });
    }

    /**
     * A per-request file: header {@code time_sec}, one time per row with microsecond resolution (rounding keeps
     * the order, so the file reads back non-decreasing).
     */
    public static void writeRequests(Path file, double[] timesSec) throws IOException {
        write(file, out -> {
            out.write(RequestTraceReader.SECONDS);
            out.write('\n');
            for (double t : timesSec) {
                out.write(String.format(Locale.ROOT, "%.6f", t));
                out.write('\n');
            }
        });
    }

    /** What writes the file's content. */
    private interface Content {
        void write(BufferedWriter out) throws IOException;
    }

    private static void write(Path file, Content content) throws IOException {
        Path target = file.toAbsolutePath();
        Files.createDirectories(target.getParent());
        // Not Files.createTempFile: its owner-only permissions would stay on the renamed file.
        Path temp = target.resolveSibling("." + target.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
        // Interrupted (Ctrl-C, SIGTERM) while writing: the JVM's shutdown removes the half-written file.
        temp.toFile().deleteOnExit();
        try {
            try (BufferedWriter out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
                content.write(out);
            }
            try {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING); // e.g. some network file systems
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
