package io.deepedge.policies.deepedge;

/**
 * Which knowledge a Deep-Edge variant uses.
 *
 * @param interferenceAware check SLOs with the service slowdown of co-located training (false: standalone)
 * @param loadForecast check SLOs at the forecast peak rate over the job's window (false: the current rate)
 */
public record Options(boolean interferenceAware, boolean loadForecast) {
    public static final Options FULL = new Options(true, true);
}
