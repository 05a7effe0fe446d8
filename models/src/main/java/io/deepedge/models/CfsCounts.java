package io.deepedge.models;

import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * How often a device's CPU quota stopped its threads: {@code periods} CFS periods, in {@code throttled} of which its
 * budget ran out (the kernel's {@code cpu.stat}: {@code nr_periods}, {@code nr_throttled}, as read from a cgroup).
 * Over a run's metrics window both halves count every period of the window, work or not: the kernel's
 * {@code nr_periods} also counts the periods in which only an idle agent's own threads woke (heartbeats, the
 * collector), which the twin has no work for, so the window's length is the common denominator (README "Throttled
 * periods, twin against kernel").
 *
 * @param periods periods, >= 0
 * @param throttled periods among them whose budget ran out, 0..periods
 */
public record CfsCounts(long periods, long throttled) {
    public CfsCounts {
        Checks.nonNegative("periods", periods);
        Checks.nonNegative("throttled", throttled);
        if (throttled > periods) {
            throw new IllegalArgumentException("throttled periods (" + throttled + ") exceed periods (" + periods + ")");
        }
    }

    /** The share of periods throttled; NaN (an empty cell) without any period. */
    public double throttledShare() {
        return periods == 0 ? Double.NaN : (double) throttled / periods;
    }

    /**
     * The runs.csv cell {@code cfs_throttled_share}: {@code device:share} pairs joined by {@code ;} in device-name
     * order, as the {@code plan} cell lists devices; a device without periods in the window is left out, and the cell
     * is empty when no device's quota is counted.
     */
    public static String render(Map<String, CfsCounts> byDevice) {
        StringJoiner cell = new StringJoiner(";");
        new TreeMap<>(byDevice).forEach((device, c) -> {
            if (c.periods > 0) {
                cell.add(device + ":" + String.format(Locale.ROOT, "%.4f", c.throttledShare()));
            }
        });
        return cell.toString();
    }
}
