package io.deepedge.models;

import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * How often a device's CPU quota stopped its threads over a run's metrics window, counted the way the kernel's
 * {@code cpu.stat} counts it: {@code periods} CFS periods in which the group had work ({@code nr_periods}), in
 * {@code throttled} of which its budget ran out ({@code nr_throttled}). The simulator counts its own periods and
 * budgets the same way, so the two compare directly: the share of throttled periods is what sets a service's tail
 * under a quota (README "Throttled periods, twin against kernel").
 *
 * @param periods periods with work in the window, >= 0
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

    /** The counts from {@code this} (at a window's start) to {@code end} (at its end). */
    public CfsCounts until(CfsCounts end) {
        return new CfsCounts(end.periods - periods, end.throttled - throttled);
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
