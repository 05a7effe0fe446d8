package io.deepedge.plots;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * One result CSV file read with Tablesaw, every column as text, and checked for its required columns.
 *
 * <p>Reading every column as a string avoids Tablesaw's type guessing (an empty cell, a policy id that looks
 * like a number, a sweep value); numbers are parsed here, on access, with {@link Double#parseDouble}, which
 * ignores the machine's locale. Errors name the file, the line and the column.
 */
final class ResultCsv {
    private static final int MAX_CHARS_PER_CELL = 1 << 20;

    private final String fileName;
    private final Table table;

    private ResultCsv(String fileName, Table table) {
        this.fileName = fileName;
        this.table = table;
    }

    /**
     * Reads {@code file}.
     *
     * @throws IllegalArgumentException if the file is missing or unreadable, or lacks any of {@code required}
     */
    static ResultCsv read(Path file, List<String> required) {
        String name = file.getFileName().toString();
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(name + ": file not found: " + file.toAbsolutePath());
        }
        ResultCsv csv = new ResultCsv(name, parse(file, name));
        csv.requireColumns(required, file);
        return csv;
    }

    /** Reads {@code file} when it exists, as {@link #read}. */
    static Optional<ResultCsv> readIfPresent(Path file, List<String> required) {
        return Files.exists(file) ? Optional.of(read(file, required)) : Optional.empty();
    }

    private static Table parse(Path file, String name) {
        CsvReadOptions options = CsvReadOptions.builder(file.toFile())
                .tableName(name)
                .header(true)
                .separator(',')
                .quoteChar('"')
                .columnTypes(column -> ColumnType.STRING)
                .missingValueIndicator("")
                .locale(Locale.ROOT)
                .maxCharsPerColumn(MAX_CHARS_PER_CELL)
                .build();
        try {
            return Table.read().usingOptions(options);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(name + ": cannot read " + file.toAbsolutePath() + " as CSV with a header"
                    + " row: " + e.getMessage(), e);
        }
    }

    private void requireColumns(List<String> required, Path file) {
        if (table.columnCount() == 0) {
            throw new IllegalArgumentException(fileName + ": no header row in " + file.toAbsolutePath()
                    + ", expected the columns " + String.join(", ", required));
        }
        List<String> missing = new ArrayList<>();
        for (String column : required) {
            if (!has(column)) {
                missing.add(column);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(fileName + ": missing required column" + (missing.size() > 1 ? "s " : " ")
                    + String.join(", ", missing) + " in " + file.toAbsolutePath());
        }
    }

    String fileName() {
        return fileName;
    }

    List<String> columns() {
        return List.copyOf(table.columnNames());
    }

    boolean has(String column) {
        return table.columnNames().contains(column);
    }

    int rowCount() {
        return table.rowCount();
    }

    /** The cell as written, {@code ""} when empty. */
    String text(int row, String column) {
        String value = table.stringColumn(column).get(row);
        return value == null ? "" : value;
    }

    /** The cells of {@code columns} in {@code row}, as written. */
    List<String> texts(int row, List<String> columns) {
        List<String> values = new ArrayList<>(columns.size());
        for (String column : columns) {
            values.add(text(row, column));
        }
        return List.copyOf(values);
    }

    /**
     * The cell as a number; NaN when the cell is empty (or {@code NaN}), the contract's missing value.
     *
     * @throws IllegalArgumentException if the cell is not a number
     */
    double number(int row, String column) {
        String value = text(row, column).trim();
        if (value.isEmpty() || value.equals("NaN")) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw bad(row, column, value, "a number with '.' as decimal separator, or an empty cell");
        }
    }

    /**
     * The cell as a boolean.
     *
     * @throws IllegalArgumentException unless the cell is {@code true} or {@code false}
     */
    boolean flag(int row, String column) {
        String value = text(row, column).trim();
        if (value.equals("true")) {
            return true;
        }
        if (value.equals("false")) {
            return false;
        }
        throw bad(row, column, value, "true or false");
    }

    private IllegalArgumentException bad(int row, String column, String value, String expected) {
        int line = row + 2;
        return new IllegalArgumentException(fileName + ":" + line + ": column " + column + ": invalid value ("
                + value + "), expected " + expected);
    }
}
