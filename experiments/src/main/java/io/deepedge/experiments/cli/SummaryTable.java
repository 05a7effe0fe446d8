package io.deepedge.experiments.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Prints summary.csv as an aligned table on the terminal: the first thing a user reads after a run. */
final class SummaryTable {
    private SummaryTable() {
    }

    static void print(PrintWriter out, Path summaryCsv) throws IOException {
        List<String> lines = Files.readAllLines(summaryCsv);
        if (lines.isEmpty()) {
            return;
        }
        List<String[]> rows = new ArrayList<>();
        for (String line : lines) {
            rows.add(line.split(",", -1));
        }
        int columns = rows.get(0).length;
        int[] width = new int[columns];
        for (String[] r : rows) {
            for (int c = 0; c < columns && c < r.length; c++) {
                width[c] = Math.max(width[c], shorten(r[c]).length());
            }
        }
        for (String[] r : rows) {
            StringBuilder sb = new StringBuilder();
            for (int c = 0; c < columns && c < r.length; c++) {
                String cell = shorten(r[c]);
                sb.append(c == 0 ? String.format("%-" + width[c] + "s", cell) : String.format("  %" + width[c] + "s", cell));
            }
            out.println(sb.toString().stripTrailing());
        }
    }

    /** Long decimals are cut to 4 decimals for the terminal; the file keeps full precision. */
    private static String shorten(String cell) {
        int dot = cell.indexOf('.');
        if (dot >= 0 && cell.length() - dot > 5 && cell.matches("-?\\d+\\.\\d+")) {
            return cell.substring(0, dot + 5);
        }
        return cell;
    }
}
