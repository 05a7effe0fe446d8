package io.deepedge.models;

import java.util.Map;

/**
 * How often a device's CPU quota stopped its threads: {@code periods} CFS periods, in {@code throttled} of which its
 * budget ran out (the kernel's {@code cpu.stat}: {@code nr_periods}, {@code nr_throttled}, as read from a cgroup).
 * Over a run's metrics window both halves count every period of the window, work or not: the kernel's
 * {@code nr_periods} also counts the periods in which only an idle agent's own threads woke (heartbeats, the
 * collector), which the twin has no work for, so the window's length is the common denominator (README "Throttled
 * periods, twin against kernel").
 *
 * <p>Beside the counts, the CPU the device's threads used over the same window, in cores (CPU seconds over the
 * window's length): the twin's modelled work (training, services, collector pauses and their cleanup) against the
 * agent process's CPU clock. It says whether the real agents did the work the profile measured at the cost it
 * measured (README "CPU used, twin against agents"); NaN where it was not measured.
 *
 * @param periods periods, >= 0
 * @param throttled periods among them whose budget ran out, 0..periods
 * @param cpuCores CPU used over the window in cores, >= 0, or NaN when not measured
 */
public record CfsCounts(long periods, long throttled, double cpuCores) {
    public CfsCounts {
        Checks.nonNegative("periods", periods);
        Checks.nonNegative("throttled", throttled);
        if (throttled > periods) {
            throw new IllegalArgumentException("throttled periods (" + throttled + ") exceed periods (" + periods + ")");
        }
        if (!Double.isNaN(cpuCores)) {
            Checks.nonNegative("cpuCores", cpuCores);
        }
    }

    /** Counts without the CPU used. */
    public CfsCounts(long periods, long throttled) {
        this(periods, throttled, Double.NaN);
    }

    /** The same counts with the CPU used over the window. */
    public CfsCounts withCpuCores(double cores) {
        return new CfsCounts(periods, throttled, cores);
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
        return DeviceCells.render(byDevice, c -> c.periods > 0, CfsCounts::throttledShare);
    }

    /**
     * The runs.csv cell {@code cpu_cores_used}: {@code device:cores} pairs joined by {@code ;} in device-name order;
     * a device whose CPU was not measured is left out, and the cell is empty when none was.
     */
    public static String renderCpu(Map<String, CfsCounts> byDevice) {
        return DeviceCells.render(byDevice, c -> !Double.isNaN(c.cpuCores), CfsCounts::cpuCores);
    }
}
