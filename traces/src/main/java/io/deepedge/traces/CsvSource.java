package io.deepedge.traces;

import java.io.IOException;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A CSV file read row by row (plain comma-separated fields, no quoting: the formats read here have none) with
 * the problems found so far. Streams the file, so a day of Azure Functions data need not fit in memory. A line
 * that is not UTF-8 text, or too long, is a problem of its own and reading goes on: every problem of a file is
 * found in one pass, and the first {@link TraceException#MAX_PROBLEMS} are reported with a count of the rest.
 */
final class CsvSource implements AutoCloseable {
    private static final Pattern COMMA = Pattern.compile(",");
    /**
     * 4 GiB and 30 million lines: far more than a day of Azure Functions counts (about 46,000 rows) or the largest
     * requests trace read ({@link RequestTraceReader#MAX_REQUESTS}); an endless stream ({@code /dev/zero},
     * {@code yes |}) is cut there rather than read forever.
     */
    static final long MAX_FILE_BYTES = 4L << 30;
    static final int MAX_LINES = 30_000_000;

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
    private final ByteLines lines;
    private final CharsetDecoder decoder = Utf8Text.strictDecoder();
    private CharBuffer chars = CharBuffer.allocate(256);
    private final List<TraceProblem> problems = new ArrayList<>();
    /** Problems past {@link TraceException#MAX_PROBLEMS}: counted, and their line range kept, not listed. */
    private int unlisted;
    private int firstUnlistedLine;
    private int lastUnlistedLine;
    /** The problem that ended reading early, if one did: always listed, last. */
    private TraceProblem stopped;
    private int lineNo;
    /** Blank lines not yet known to be trailing: a blank line followed by data is reported, a trailing one is not. */
    private final List<Integer> blankLines = new ArrayList<>();

    private CsvSource(String label, ByteLines lines) {
        this.label = label;
        this.lines = lines;
    }

    /** Opens {@code file}; a missing or unreadable file is a problem of the whole file. */
    static CsvSource open(Path file) throws TraceException {
        String label = file.toString();
        String expected = "a readable CSV file";
        try {
            if (Files.isDirectory(file)) {
                throw new TraceException(new TraceProblem(label, 0, 0, "is a directory, not a trace file", null, expected));
            }
            return new CsvSource(label, new ByteLines(Files.newInputStream(file)));
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
            if (lineNo == 1 && text.startsWith(String.valueOf(Utf8Text.BYTE_ORDER_MARK))) {
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

    /** The next line's text; a line that is not UTF-8 or too long is reported and skipped. Null at the end. */
    private String readLine() throws TraceException {
        while (true) {
            ByteLines.Line line = nextLine();
            if (line == null) {
                return null;
            }
            lineNo = line.number();
            if (line.tooLong()) {
                throw stop(lineNo, 0, "the line is too long, reading stopped", "more than " + ByteLines.MAX_LINE_BYTES
                        + " bytes", "lines of at most " + ByteLines.MAX_LINE_BYTES + " bytes (is this a CSV file?)");
            }
            if (lines.consumed() > MAX_FILE_BYTES || lineNo > MAX_LINES) {
                throw stop(lineNo, 0, "the file is too large, reading stopped", lines.consumed() > MAX_FILE_BYTES
                        ? "more than " + MAX_FILE_BYTES + " bytes" : "more than " + MAX_LINES + " lines",
                        "a trace file of at most " + MAX_FILE_BYTES + " bytes and " + MAX_LINES + " lines");
            }
            if (chars.capacity() < line.length()) {
                chars = CharBuffer.allocate(Math.max(line.length(), 2 * chars.capacity()));
            }
            int bad = Utf8Text.decodeLine(decoder, line.bytes(), line.length(), chars);
            if (bad < 0) {
                return chars.toString();
            }
            Utf8Text.BadByte at = new Utf8Text.BadByte(lineNo, line.offset() + bad, line.bytes()[bad] & 0xFF);
            problem(lineNo, 0, "the file is not UTF-8 text", at.describe(), "a UTF-8 (or ASCII) CSV file");
        }
    }

    private ByteLines.Line nextLine() throws TraceException {
        try {
            return lines.next();
        } catch (IOException e) {
            throw stop(lineNo + 1, 0, "cannot read the trace file", String.valueOf(e.getMessage()), "a readable CSV file");
        }
    }

    /**
     * Records a problem. Past {@link TraceException#MAX_PROBLEMS} it is only counted: a wrong file would otherwise
     * give a problem per row.
     *
     * @param column 1-based, or 0 for the whole line
     */
    void problem(int line, int column, String what, String value, String expected) {
        if (problems.size() < TraceException.MAX_PROBLEMS) {
            problems.add(new TraceProblem(label, line, column, what, value, expected));
            return;
        }
        firstUnlistedLine = unlisted == 0 ? line : firstUnlistedLine;
        lastUnlistedLine = line;
        unlisted++;
    }

    /**
     * The problem that ends reading (the file cannot be read on, or no further), listed whatever the count so far,
     * as the exception to throw.
     */
    TraceException stop(int line, int column, String what, String value, String expected) {
        stopped = new TraceProblem(label, line, column, what, value, expected);
        return failure();
    }

    /** Checks a row has as many fields as the header; reports the first missing or extra column otherwise. */
    boolean hasColumns(Row row, int expected) {
        if (row.columns() == expected) {
            return true;
        }
        problem(row.line(), Math.min(row.columns(), expected) + 1, "wrong number of columns: the header has "
                + expected, row.columns() + " columns", expected + " comma-separated fields");
        return false;
    }

    boolean hasProblems() {
        return !problems.isEmpty() || stopped != null;
    }

    /** Throws with every problem found, if any. */
    void finish() throws TraceException {
        if (!problems.isEmpty()) {
            throw failure();
        }
    }

    /**
     * The exception carrying every problem so far, for a caller that cannot go on (at least one problem); the
     * problems past {@link TraceException#MAX_PROBLEMS} are summed up in one last line.
     */
    TraceException failure() {
        List<TraceProblem> all = new ArrayList<>(problems);
        if (unlisted > 0) {
            String lines = firstUnlistedLine == lastUnlistedLine ? "line " + firstUnlistedLine
                    : "lines " + firstUnlistedLine + " to " + lastUnlistedLine;
            all.add(new TraceProblem(label, 0, 0, unlisted + " more problem" + (unlisted == 1 ? "" : "s")
                    + " not listed", lines, "the listed problems fixed first (then run again to see the rest)"));
        }
        if (stopped != null) {
            all.add(stopped);
        }
        return new TraceException(all);
    }

    @Override
    public void close() {
        try {
            lines.close();
        } catch (IOException e) {
            // Everything needed was read already; a failing close of a read-only file loses nothing.
        }
    }
}
