package io.deepedge.traces;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A CSV file read row by row (plain comma-separated fields, no quoting: the formats read here have none) with
 * the problems found so far. Streams the file, so a day of Azure Functions data need not fit in memory.
 */
final class CsvSource implements AutoCloseable {
    private static final Pattern COMMA = Pattern.compile(",");

    /**
     * One non-blank line.
     *
     * @param line 1-based line number
     * @param fields the comma-separated fields, surrounding spaces stripped (column k is {@code fields[k - 1]})
     */
    record Row(int line, String[] fields) {
        int columns() {
            return fields.length;
        }

        /** @param column 1-based */
        String field(int column) {
            return fields[column - 1];
        }
    }

    private final String label;
    private final BufferedReader reader;
    private final List<TraceProblem> problems = new ArrayList<>();
    private int lineNo;
    /** Blank lines not yet known to be trailing: a blank line followed by data is reported, a trailing one is not. */
    private final List<Integer> blankLines = new ArrayList<>();

    private CsvSource(String label, BufferedReader reader) {
        this.label = label;
        this.reader = reader;
    }

    /** Opens {@code file}; a missing or unreadable file is a problem of the whole file. */
    static CsvSource open(Path file) throws TraceException {
        String label = file.toString();
        String expected = "a readable CSV file";
        try {
            if (Files.isDirectory(file)) {
                throw new TraceException(new TraceProblem(label, 0, 0, "is a directory, not a trace file", null, expected));
            }
            return new CsvSource(label, Files.newBufferedReader(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            throw new TraceException(new TraceProblem(label, 0, 0, "cannot read the trace file", "no such file", expected));
        } catch (AccessDeniedException e) {
            throw new TraceException(new TraceProblem(label, 0, 0, "cannot read the trace file", "permission denied", expected));
        } catch (IOException e) {
            throw new TraceException(new TraceProblem(label, 0, 0, "cannot read the trace file",
                    String.valueOf(e.getMessage()), expected));
        }
    }

    String label() {
        return label;
    }

    /** The next non-blank row, or null at the end of the file. */
    Row next() throws TraceException {
        while (true) {
            String text = readLine();
            if (text == null) {
                return null;
            }
            if (lineNo == 1 && text.startsWith("\uFEFF")) {
                text = text.substring(1); // a byte-order mark some spreadsheet programs write
            }
            if (text.isBlank()) {
                blankLines.add(lineNo);
                continue;
            }
            for (int blank : blankLines) {
                problem(blank, 0, "blank line inside the data", null, "one row per line, blank lines only at the end");
            }
            blankLines.clear();
            String[] fields = COMMA.split(text, -1);
            for (int k = 0; k < fields.length; k++) {
                fields[k] = fields[k].strip();
            }
            return new Row(lineNo, fields);
        }
    }

    private String readLine() throws TraceException {
        try {
            String text = reader.readLine();
            if (text != null) {
                lineNo++;
            }
            return text;
        } catch (CharacterCodingException e) {
            problem(lineNo + 1, 0, "is not UTF-8 text", null, "a UTF-8 (or ASCII) CSV file");
            throw failure();
        } catch (IOException e) {
            problem(lineNo + 1, 0, "cannot read the trace file", String.valueOf(e.getMessage()), "a readable CSV file");
            throw failure();
        }
    }

    /**
     * Records a problem; the {@link TraceException#MAX_PROBLEMS}-th stops reading (throws), because a wrong file
     * would otherwise give a problem per row.
     *
     * @param column 1-based, or 0 for the whole line
     */
    void problem(int line, int column, String what, String value, String expected) throws TraceException {
        problems.add(new TraceProblem(label, line, column, what, value, expected));
        if (problems.size() >= TraceException.MAX_PROBLEMS) {
            problems.add(new TraceProblem(label, 0, 0, "stopped reading after " + TraceException.MAX_PROBLEMS
                    + " problems", null, null));
            throw failure();
        }
    }

    /** Checks a row has as many fields as the header; reports the first missing or extra column otherwise. */
    boolean hasColumns(Row row, int expected) throws TraceException {
        if (row.columns() == expected) {
            return true;
        }
        problem(row.line(), Math.min(row.columns(), expected) + 1, "wrong number of columns: the header has "
                + expected, row.columns() + " columns", expected + " comma-separated fields");
        return false;
    }

    boolean hasProblems() {
        return !problems.isEmpty();
    }

    /** Throws with every problem found, if any. */
    void finish() throws TraceException {
        if (!problems.isEmpty()) {
            throw failure();
        }
    }

    /** The exception carrying every problem so far, for a caller that cannot go on (at least one problem). */
    TraceException failure() {
        return new TraceException(problems);
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException e) {
            // Everything needed was read already; a failing close of a read-only file loses nothing.
        }
    }
}
