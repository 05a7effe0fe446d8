package io.deepedge.traces;

import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/**
 * Reads the Azure Functions 2019 invocation-count layout ({@code invocations_per_function_md.anon.dNN.csv}):
 * header {@code HashOwner,HashApp,HashFunction,Trigger,1,2,...,N} (N = 1440 minutes in the published files; any
 * N >= 1 is accepted), then one row per function with its invocation count in each minute. Every row is checked,
 * the selected one is returned.
 */
public final class FunctionsTraceReader {
    /** The identifying columns before the minute columns. */
    public static final List<String> ID_COLUMNS = List.of("HashOwner", "HashApp", "HashFunction", "Trigger");
    private static final int FUNCTION_COLUMN = 3;
    private static final int FIRST_MINUTE_COLUMN = ID_COLUMNS.size() + 1;

    private final CsvSource csv;
    private final FunctionSelection selection;
    private FunctionRow selected;
    /** The line of the first row the selection picks, valid or not; 0 while none has been seen. */
    private int wantedLine;

    private FunctionsTraceReader(CsvSource csv, FunctionSelection selection) {
        this.csv = csv;
        this.selection = selection;
    }

    /** The selected row of {@code file}, or every problem found. */
    public static FunctionRow read(Path file, FunctionSelection selection) throws TraceException {
        try (CsvSource csv = CsvSource.open(file)) {
            return new FunctionsTraceReader(csv, selection).read();
        }
    }

    private FunctionRow read() throws TraceException {
        CsvSource.Row header = csv.next();
        if (header == null) {
            if (!csv.hasProblems()) {
                csv.problem(1, 0, "the trace file is empty", null, "a header " + headerExample());
            }
            throw csv.failure();
        }
        if (!headerIsValid(header)) {
            throw csv.failure(); // rows cannot be interpreted without their columns
        }
        int rows = 0;
        for (CsvSource.Row row = csv.next(); row != null; row = csv.next()) {
            rows++;
            if (csv.hasColumns(row, header.columns())) {
                readRow(row, rows);
            }
        }
        if (wantedLine == 0 && !csv.hasProblems()) {
            notFound(header, rows);
        } else if (selected != null && selected.totalInvocations() == 0) {
            csv.problem(wantedLine, FIRST_MINUTE_COLUMN, "the selected function has no invocations",
                    "all counts 0", "a row with at least one invocation");
        }
        csv.finish();
        return selected;
    }

    /** The id columns, then minutes 1..N in order; every wrong column is reported. */
    private boolean headerIsValid(CsvSource.Row header) {
        boolean valid = true;
        for (int k = 1; k <= ID_COLUMNS.size(); k++) {
            String name = k <= header.columns() ? header.field(k) : "";
            if (!name.equals(ID_COLUMNS.get(k - 1))) {
                csv.problem(header.line(), k, "not the Azure Functions header", name, "column " + k + " named "
                        + ID_COLUMNS.get(k - 1) + " in a header " + headerExample());
                valid = false;
            }
        }
        if (header.columns() < FIRST_MINUTE_COLUMN) {
            csv.problem(header.line(), FIRST_MINUTE_COLUMN, "the header has no minute columns", null, headerExample());
            return false;
        }
        for (int k = FIRST_MINUTE_COLUMN; k <= header.columns(); k++) {
            String minute = Integer.toString(k - ID_COLUMNS.size());
            if (!header.field(k).equals(minute)) {
                csv.problem(header.line(), k, "minute columns must be numbered 1, 2, ... in order", header.field(k),
                        minute);
                valid = false;
            }
        }
        return valid;
    }

    private void readRow(CsvSource.Row row, int index) {
        int[] counts = new int[row.columns() - ID_COLUMNS.size()];
        boolean ok = true;
        for (int k = FIRST_MINUTE_COLUMN; k <= row.columns(); k++) {
            OptionalLong count = Numbers.count(row.field(k));
            if (count.isEmpty() || count.getAsLong() > Integer.MAX_VALUE) {
                csv.problem(row.line(), k, "invocation count is not a non-negative integer", row.field(k),
                        "an integer from 0 to " + Integer.MAX_VALUE);
                ok = false;
            } else {
                counts[k - FIRST_MINUTE_COLUMN] = (int) count.getAsLong();
            }
        }
        boolean wanted = selection.byRow() ? index == selection.row() : row.field(FUNCTION_COLUMN).equals(selection.function());
        if (!wanted) {
            return;
        }
        if (wantedLine != 0) {
            // Checked against the first row with the HashFunction, valid or not: which one is meant is ambiguous.
            csv.problem(row.line(), FUNCTION_COLUMN, "HashFunction is not unique: line " + wantedLine + " has it too",
                    row.field(FUNCTION_COLUMN), "a HashFunction of exactly one row, or a selection by row number");
            selected = null;
            return;
        }
        wantedLine = row.line();
        if (ok) {
            selected = new FunctionRow(csv.label(), index, row.field(1), row.field(2), row.field(FUNCTION_COLUMN),
                    row.field(4), counts);
        }
    }

    private void notFound(CsvSource.Row header, int rows) {
        if (selection.byRow()) {
            csv.problem(header.line(), 0, "row " + selection.row() + " is past the last data row", "row "
                    + selection.row(), rows == 0 ? "a file with at least one function row" : "a row from 1 to " + rows);
        } else {
            csv.problem(header.line(), FUNCTION_COLUMN, "no row has this HashFunction", selection.function(),
                    "a HashFunction of the file, or a selection by row number");
        }
    }

    private static String headerExample() {
        return String.join(",", ID_COLUMNS) + ",1,2,...,1440";
    }
}
