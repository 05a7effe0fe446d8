package io.deepedge.traces;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Reads a per-request CSV: a header row, then one row per request. The request time is the {@code time_sec}
 * column (seconds from the start of the run, >= 0) or, without one, the {@code TIMESTAMP} column of the Azure
 * LLM inference traces ({@code 2023-11-16 18:15:46.6805900}: local date-time, 0 to 9 fraction digits), shifted
 * so that the first row is at 0. Other columns are ignored but every row must have the header's column count.
 * Times must not decrease.
 */
public final class RequestTraceReader {
    /** The seconds column. */
    public static final String SECONDS = "time_sec";
    /** The Azure LLM inference trace's date-time column. */
    public static final String TIMESTAMP = "TIMESTAMP";
    /** {@code yyyy-MM-dd HH:mm:ss[.fraction]}: the Azure traces have 7 fraction digits (100 ns ticks). */
    public static final DateTimeFormatter AZURE_TIMESTAMP = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .toFormatter();
    private static final String TIMESTAMP_EXPECTED = "yyyy-MM-dd HH:mm:ss.SSSSSSS, e.g. 2023-11-16 18:15:46.6805900";

    /**
     * The most requests a trace may hold: every run keeps its own copy of the times (8 bytes each per service
     * instance), on top of the loaded trace itself.
     */
    public static final int MAX_REQUESTS = 20_000_000;

    /** Reads one file; not shared between threads. */
    private final CsvSource csv;
    private double[] times = new double[1024];
    private int count;
    private LocalDateTime origin;
    private double previous = Double.NEGATIVE_INFINITY;

    private RequestTraceReader(CsvSource csv) {
        this.csv = csv;
    }

    /** The requests of {@code file}, or every problem found. */
    public static RequestTrace read(Path file) throws TraceException {
        try (CsvSource csv = CsvSource.open(file)) {
            return new RequestTraceReader(csv).read();
        }
    }

    private RequestTrace read() throws TraceException {
        CsvSource.Row header = csv.next();
        if (header == null) {
            if (!csv.hasProblems()) {
                csv.problem(1, 0, "the trace file is empty", null, "a header row with a " + SECONDS + " or "
                        + TIMESTAMP + " column");
            }
            throw csv.failure();
        }
        List<String> names = Arrays.asList(header.fields());
        boolean seconds = names.contains(SECONDS);
        String name = seconds ? SECONDS : TIMESTAMP;
        int column = names.indexOf(name) + 1;
        if (column == 0) {
            csv.problem(header.line(), 1, "the header has no time column", String.join(",", names),
                    "a " + SECONDS + " (seconds) or " + TIMESTAMP + " (" + TIMESTAMP_EXPECTED + ") column");
            throw csv.failure();
        }
        if (names.lastIndexOf(name) + 1 != column) {
            // Which of two time columns is meant cannot be guessed; the rows are still checked against the first.
            csv.problem(header.line(), names.lastIndexOf(name) + 1, "duplicate time column, also column " + column,
                    name, "one " + name + " column");
        }
        for (CsvSource.Row row = csv.next(); row != null; row = csv.next()) {
            if (csv.hasColumns(row, names.size())) {
                OptionalDouble t = seconds ? seconds(row, column) : timestamp(row, column);
                if (t.isPresent()) {
                    add(row, column, t.getAsDouble());
                }
            }
        }
        if (count == 0 && !csv.hasProblems()) {
            csv.problem(header.line(), 0, "the trace has no requests", null, "at least one row after the header");
        }
        csv.finish();
        return new RequestTrace(csv.label(), Arrays.copyOf(times, count));
    }

    private OptionalDouble seconds(CsvSource.Row row, int column) {
        String text = row.field(column);
        OptionalDouble t = Numbers.decimal(text);
        if (t.isEmpty() || t.getAsDouble() < 0) {
            csv.problem(row.line(), column, SECONDS + (t.isEmpty() ? " is not a number" : " is negative"), text,
                    "seconds from the start of the run, a decimal number >= 0");
            return OptionalDouble.empty();
        }
        return t;
    }

    private OptionalDouble timestamp(CsvSource.Row row, int column) {
        String text = row.field(column);
        try {
            LocalDateTime t = LocalDateTime.parse(text, AZURE_TIMESTAMP);
            if (origin == null) {
                origin = t; // the first row is t = 0
            }
            return OptionalDouble.of(Duration.between(origin, t).toNanos() / 1e9);
        } catch (DateTimeParseException | ArithmeticException e) {
            csv.problem(row.line(), column, TIMESTAMP + " is not a date-time", text, TIMESTAMP_EXPECTED);
            return OptionalDouble.empty();
        }
    }

    /** Appends a time; a time before the previous row's is reported (the trace would replay out of order). */
    private void add(CsvSource.Row row, int column, double t) throws TraceException {
        if (t < previous) {
            csv.problem(row.line(), column, "time decreases: the previous request is at " + Numbers.format(previous)
                    + " s", row.field(column), "rows in non-decreasing time order");
            return;
        }
        previous = t;
        if (count == MAX_REQUESTS) {
            throw csv.stop(row.line(), column, "the trace has more than " + MAX_REQUESTS + " requests, reading stopped",
                    row.field(column), "at most " + MAX_REQUESTS + " rows (every run keeps a copy in memory)");
        }
        if (count == times.length) {
            times = Arrays.copyOf(times, 2 * count);
        }
        times[count++] = t;
    }
}
