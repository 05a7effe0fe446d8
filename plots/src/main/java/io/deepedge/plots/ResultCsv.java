package io.deepedge.plots;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * One result CSV file, read strictly ({@link CsvRecords}) and checked whole against its {@link ResultColumns.Layout}
 * before any caller sees it: UTF-8, a header naming every required column once, as many cells in each row as
 * the header has, and every cell of a known column of its type. Every problem is collected, each as
 * {@code FILE:LINE: column: what is wrong (value), expected ...}, up to {@link #MAX_PROBLEMS} per file.
 *
 * <p>Cells are kept as written; numbers are parsed on access with {@link Double#parseDouble}, which ignores the
 * machine's locale, and cannot fail there since every cell was checked.
 */
final class ResultCsv {
    /** Beyond this a file is the wrong file, not a file with a few mistakes: stop listing. */
    static final int MAX_PROBLEMS = 20;
    private static final int MAX_VALUE_CHARS = 80;

    private final String fileName;
    private final List<String> header;
    private final Map<String, StringColumn> index;
    /** The checked cells as a Tablesaw table of text columns (dictionary-encoded: repeated ids cost little). */
    private final Table table;
    private final int[] lines;

    private ResultCsv(String fileName, List<String> header, List<CsvRecords.Record> records) {
        this.fileName = fileName;
        this.header = List.copyOf(header);
        this.index = new HashMap<>();
        this.table = Table.create(fileName);
        for (String column : header) {
            if (!index.containsKey(column)) {
                StringColumn c = StringColumn.create(column);
                index.put(column, c);
                table.addColumns(c);
            }
        }
        this.lines = new int[records.size()];
        for (int i = 0; i < records.size(); i++) {
            List<String> cells = records.get(i).cells();
            for (int c = 0; c < header.size(); c++) {
                StringColumn column = index.get(header.get(c));
                if (column.size() == i) {
                    // a short row (already a reported problem) must not stop the other problems being collected
                    column.append(c < cells.size() ? cells.get(c) : "");
                }
            }
            lines[i] = records.get(i).line();
        }
    }

    /** The file as a Tablesaw table, every column as text. */
    Table table() {
        return table;
    }

    /**
     * Reads {@code file}, named in messages as given.
     *
     * @throws ResultFileException with every problem found (nothing is read then)
     */
    static ResultCsv read(Path file, ResultColumns.Layout layout) {
        List<String> problems = new ArrayList<>();
        ResultCsv csv = read(file, layout, problems);
        ResultFileException.throwIfAny(problems);
        return csv;
    }

    /** Reads {@code file}, adding its problems to {@code problems}; null when it has any. */
    static ResultCsv read(Path file, ResultColumns.Layout layout, List<String> problems) {
        String name = file.toString();
        byte[] bytes;
        try {
            if (Files.isDirectory(file)) {
                problems.add(name + ": a directory, not a file (" + name + "), expected a CSV file");
                return null;
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            problems.add(name + ": no such file (" + name + "), expected the result directory's " + file.getFileName());
            return null;
        } catch (AccessDeniedException e) {
            problems.add(name + ": cannot read the file (permission denied), expected a readable CSV file");
            return null;
        } catch (IOException e) {
            problems.add(name + ": cannot read the file (" + e.getMessage() + "), expected a readable CSV file");
            return null;
        }
        String text;
        try {
            text = CsvRecords.decode(bytes);
            bytes = null; // a large file is held once, as text, while it is parsed
        } catch (CsvRecords.NotUtf8 e) {
            problems.add(notUtf8(name, e));
            return null;
        }
        return parse(name, text, layout, problems);
    }

    /** Parses {@code text} as the file {@code fileName}, adding its problems to {@code problems}; null when it has any. */
    static ResultCsv parse(String fileName, String text, ResultColumns.Layout layout, List<String> problems) {
        Checker checker = new Checker(fileName, layout);
        ResultCsv csv = checker.check(text);
        problems.addAll(checker.problems);
        return checker.problems.isEmpty() ? csv : null;
    }

    private static String notUtf8(String name, CsvRecords.NotUtf8 e) {
        int[] at = CsvRecords.positionAtEnd(e.before());
        String column = "header";
        if (at[0] > 1) {
            List<CsvRecords.Record> records = CsvRecords.parse(e.before()).records();
            List<String> header = records.isEmpty() ? List.of() : records.get(0).cells();
            column = at[1] < header.size() ? header.get(at[1]) : "cell " + (at[1] + 1);
        }
        return oneLine(name + ":" + at[0] + ": " + column + ": not UTF-8 text (" + e.getMessage()
                + "), expected a UTF-8 text file as the tool writes it");
    }

    /** A problem line: {@code FILE:LINE: column: what (value), expected ...}, value shortened, on one line. */
    static String problem(String file, int line, String column, String what, String value, String expected) {
        String shown = value.length() <= MAX_VALUE_CHARS ? value : value.substring(0, MAX_VALUE_CHARS) + "...";
        return oneLine(file + ":" + line + ": " + column + ": " + what + " (" + shown + "), expected " + expected);
    }

    private static String oneLine(String text) {
        return text.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t");
    }

    /** Checks a file's records against its layout, collecting problems. */
    private static final class Checker {
        private final String fileName;
        private final ResultColumns.Layout layout;
        private final List<String> problems = new ArrayList<>();
        private int found;

        Checker(String fileName, ResultColumns.Layout layout) {
            this.fileName = fileName;
            this.layout = layout;
        }

        ResultCsv check(String text) {
            CsvRecords csv = CsvRecords.parse(text);
            List<CsvRecords.Record> records = csv.records();
            List<String> header = records.isEmpty() ? List.of() : records.get(0).cells();
            for (CsvRecords.Problem p : csv.problems()) {
                add(p.line(), columnName(header, p.cell(), p.line()), p.what(), p.value(), p.expected());
            }
            if (records.isEmpty() || header.size() == 1 && header.get(0).isBlank()) {
                add(1, "header", text.isEmpty() ? "empty file" : "no header line", text.isEmpty() ? "0 bytes" : "",
                        "a header line naming the columns " + String.join(", ", layout.required()));
                return null;
            }
            checkHeader(records.get(0));
            List<CsvRecords.Record> rows = records.subList(1, records.size());
            ColumnType[] types = header.stream().map(layout::type).toArray(ColumnType[]::new);
            for (CsvRecords.Record row : rows) {
                checkRow(header, types, row);
            }
            if (found > MAX_PROBLEMS) {
                problems.add(fileName + ": " + (found - MAX_PROBLEMS) + " more problem(s) not shown (stopped listing after "
                        + MAX_PROBLEMS + "), expected a result file written by this tool");
            }
            return new ResultCsv(fileName, header, rows);
        }

        private void checkHeader(CsvRecords.Record record) {
            List<String> header = record.cells();
            String shown = String.join(",", header);
            for (String column : layout.required()) {
                if (!header.contains(column)) {
                    add(record.line(), column, "required column missing from the header", shown,
                            "a column named " + column);
                }
            }
            for (int i = 0; i < header.size(); i++) {
                if (header.indexOf(header.get(i)) < i) {
                    add(record.line(), header.get(i), "column named twice in the header", shown, "each column once");
                } else if (header.get(i).isBlank()) {
                    add(record.line(), "cell " + (i + 1), "empty column name in the header", shown, "every column named");
                }
            }
        }

        private void checkRow(List<String> header, ColumnType[] types, CsvRecords.Record row) {
            List<String> cells = row.cells();
            String expected = header.size() + " cells, as many as the header has columns";
            if (cells.size() == 1 && cells.get(0).isEmpty() && header.size() > 1) {
                add(row.line(), "row", "blank line", "", expected);
            } else if (cells.size() < header.size()) {
                add(row.line(), header.get(cells.size()), "row too short: " + cells.size() + " cells, this column is missing",
                        String.join(",", cells), expected);
            } else if (cells.size() > header.size()) {
                add(row.line(), "cell " + (header.size() + 1), "row too long: " + cells.size() + " cells",
                        cells.get(header.size()), expected);
            } else {
                for (int i = 0; i < cells.size(); i++) {
                    ColumnType type = types[i];
                    String what = type.problem(cells.get(i));
                    if (what != null) {
                        add(row.line(), header.get(i), what, cells.get(i), type.expected());
                    }
                }
            }
        }

        private void add(int line, String column, String what, String value, String expected) {
            if (++found <= MAX_PROBLEMS) {
                problems.add(problem(fileName, line, column, what, value, expected));
            }
        }

        private static String columnName(List<String> header, int cell, int line) {
            if (line == 1 || header.isEmpty()) {
                return "header";
            }
            return cell < header.size() ? header.get(cell) : "cell " + (cell + 1);
        }
    }

    String fileName() {
        return fileName;
    }

    List<String> columns() {
        return header;
    }

    boolean has(String column) {
        return index.containsKey(column);
    }

    int rowCount() {
        return table.rowCount();
    }

    /** The 1-based line the row starts on. */
    int line(int row) {
        return lines[row];
    }

    /** The cell as written, {@code ""} when empty. */
    String text(int row, String column) {
        StringColumn c = index.get(column);
        if (c == null) {
            throw new IllegalArgumentException(fileName + ": no column " + column);
        }
        return c.get(row);
    }

    /** The cells of {@code columns} in {@code row}, as written. */
    List<String> texts(int row, List<String> columns) {
        List<String> values = new ArrayList<>(columns.size());
        for (String column : columns) {
            values.add(text(row, column));
        }
        return List.copyOf(values);
    }

    /** The cell as a number (a checked {@link ColumnType#NUMBER} or count); NaN when empty or {@code NaN}. */
    double number(int row, String column) {
        String value = text(row, column).strip();
        return value.isEmpty() || value.equals("NaN") ? Double.NaN : Double.parseDouble(value);
    }

    /** The cell as a boolean (a checked {@link ColumnType#FLAG}). */
    boolean flag(int row, String column) {
        return text(row, column).strip().equals("true");
    }
}
