package io.deepedge.plots;

import static io.deepedge.plots.ResultColumns.*;

import it.unimi.dsi.fastutil.doubles.DoubleArrayList;
import it.unimi.dsi.fastutil.doubles.DoubleList;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.ints.IntList;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * services.csv aggregated over replications per grid point, service, device and policy, for the report's table.
 *
 * <p>Rows are ordered by grid point, service, device, then policy, each in first-appearance order, so the
 * policies of one service instance sit next to each other.
 *
 * @param sweepColumns services.csv's sweep columns
 * @param hasLost whether services.csv has the optional {@code lost} column
 * @param hasWindowColumns whether services.csv has the co-location view and {@code unfinished} columns
 * @param rows the aggregated rows
 */
record ServiceSummary(List<String> sweepColumns, boolean hasLost, boolean hasWindowColumns,
                      List<ServiceSummary.Row> rows) {
    /**
     * One service instance under one policy at one grid point.
     *
     * @param point sweep values
     * @param service service name
     * @param device device name
     * @param policy policy id
     * @param runs replications seen
     * @param colocatedRuns replications in which training ran on the device
     * @param requestsMean mean completed requests per run
     * @param missRateMean mean over runs with requests of misses / requests
     * @param p99MsMean mean p99 latency over runs with a value
     * @param lostMean mean requests lost to device failures per run; NaN without the column
     * @param colocP99MsMean mean co-location-view p99 over runs with co-located requests; NaN without any
     * @param unfinishedMean mean requests unfinished at the metrics window's end per run; NaN without the column
     */
    record Row(List<String> point, String service, String device, String policy, int runs, int colocatedRuns,
               double requestsMean, double missRateMean, double p99MsMean, double lostMean, double colocP99MsMean,
               double unfinishedMean) {
    }

    private record Key(List<String> point, String service, String device, String policy) {
    }

    ServiceSummary {
        sweepColumns = List.copyOf(sweepColumns);
        rows = List.copyOf(rows);
    }

    /** Aggregates every row of {@code services}. */
    static ServiceSummary of(ResultCsv services) {
        List<String> sweep = ResultColumns.sweepColumns(services.columns(), SERVICES_REQUIRED, SERVICES_OPTIONAL);
        Map<Key, IntList> groups = new LinkedHashMap<>();
        for (int row = 0; row < services.rowCount(); row++) {
            Key key = new Key(services.texts(row, sweep), services.text(row, SERVICE), services.text(row, DEVICE),
                    services.text(row, POLICY));
            groups.computeIfAbsent(key, k -> new IntArrayList()).add(row);
        }
        List<Key> keys = new ArrayList<>(groups.keySet());
        keys.sort(order(keys));
        boolean hasLost = services.has(LOST);
        boolean hasWindow = services.has(COLOC_P99_MS) && services.has(UNFINISHED);
        List<Row> rows = new ArrayList<>();
        for (Key key : keys) {
            rows.add(row(services, key, groups.get(key), hasLost, hasWindow));
        }
        return new ServiceSummary(sweep, hasLost, hasWindow, rows);
    }

    private static Comparator<Key> order(List<Key> keys) {
        return Comparator.comparingInt(firstSeen(keys, Key::point))
                .thenComparingInt(firstSeen(keys, Key::service))
                .thenComparingInt(firstSeen(keys, Key::device))
                .thenComparingInt(firstSeen(keys, Key::policy));
    }

    /** The rank of a key's part by first appearance among {@code keys}. */
    private static ToIntFunction<Key> firstSeen(List<Key> keys, Function<Key, Object> part) {
        Map<Object, Integer> rank = new LinkedHashMap<>();
        keys.forEach(key -> rank.putIfAbsent(part.apply(key), rank.size()));
        return key -> rank.get(part.apply(key));
    }

    private static Row row(ResultCsv services, Key key, IntList rows, boolean hasLost, boolean hasWindow) {
        int colocated = 0;
        DoubleList missRates = new DoubleArrayList();
        for (int i = 0; i < rows.size(); i++) {
            int row = rows.getInt(i);
            colocated += services.flag(row, COLOCATED) ? 1 : 0;
            double requests = services.number(row, REQUESTS);
            missRates.add(requests > 0 ? services.number(row, MISSES) / requests : Double.NaN);
        }
        double lost = hasLost ? mean(services, rows, LOST) : Double.NaN;
        double colocP99 = hasWindow ? mean(services, rows, COLOC_P99_MS) : Double.NaN;
        double unfinished = hasWindow ? mean(services, rows, UNFINISHED) : Double.NaN;
        return new Row(key.point(), key.service(), key.device(), key.policy(), rows.size(), colocated,
                mean(services, rows, REQUESTS), MeanCi.of(missRates).mean(), mean(services, rows, P99_MS), lost,
                colocP99, unfinished);
    }

    private static double mean(ResultCsv csv, IntList rows, String column) {
        return MeanCi.of(Summary.values(csv, rows, column)).mean();
    }

    /** The report table: sweep columns, then service, device, policy and the statistics. */
    HtmlTable table() {
        List<String> header = new ArrayList<>(sweepColumns);
        header.addAll(List.of("service", "device", "policy", "runs", "colocated", "requests", "miss rate",
                "p99 ms"));
        if (hasLost) {
            header.add("lost");
        }
        if (hasWindowColumns) {
            header.addAll(List.of("co-located p99 ms", "unfinished"));
        }
        HtmlTable table = new HtmlTable(header);
        for (Row row : rows) {
            List<String> cells = new ArrayList<>(row.point());
            cells.addAll(List.of(row.service(), row.device(), row.policy(), Integer.toString(row.runs()),
                    colocation(row), Numbers.rounded(row.requestsMean()), Numbers.rounded(row.missRateMean()),
                    Numbers.rounded(row.p99MsMean())));
            if (hasLost) {
                cells.add(Numbers.rounded(row.lostMean()));
            }
            if (hasWindowColumns) {
                cells.addAll(List.of(Numbers.rounded(row.colocP99MsMean()), Numbers.rounded(row.unfinishedMean())));
            }
            table.row(cells, false);
        }
        return table;
    }

    private static String colocation(Row row) {
        if (row.colocatedRuns() == row.runs()) {
            return "yes";
        }
        return row.colocatedRuns() == 0 ? "no" : row.colocatedRuns() + " of " + row.runs() + " runs";
    }
}
