package io.deepedge.hw.coordinator;

import io.deepedge.models.ServiceStats;
import io.deepedge.models.metrics.Quantiles;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * One progress line per testbed run that puts each service's p99 as the coordinator measured it (scheduled arrival
 * to the reply's arrival, what runs.csv reports) beside the p99 the agent measured for the same window (scheduled
 * arrival to the end of the model call). Both count from the scheduled arrival, so the way there (the generator's
 * send, the hop, the agent's gRPC threads) is in both and the difference is the reply's way back: a user sees at once
 * whether a tail was made before the request's model call ended or after.
 */
final class LcPath {
    private LcPath() {
    }

    /**
     * {@code LC p99 at the coordinator / on the agent: classifier@big 46.9 / 45.0 ms, ...} in the order of
     * {@code services}; {@code agentLatencyMs} maps device to service to the agent's latencies over the window, and
     * a service the agent did not report (a remote agent that went down, no requests) shows {@code -}.
     */
    static String line(List<ServiceStats> services, Map<String, Map<String, float[]>> agentLatencyMs) {
        StringJoiner parts = new StringJoiner(", ", "LC p99 at the coordinator / on the agent: ", "");
        for (ServiceStats s : services) {
            float[] onAgent = agentLatencyMs.getOrDefault(s.device(), Map.of()).get(s.service());
            parts.add(s.service() + "@" + s.device() + " " + ms(s.p99Ms()) + " / "
                    + ms(onAgent == null ? Double.NaN : p99(onAgent)) + " ms");
        }
        return parts.toString();
    }

    /** The nearest-rank 99th percentile of {@code latencyMs}, as runs.csv's: NaN when empty. */
    static double p99(float[] latencyMs) {
        double[] sorted = new double[latencyMs.length];
        for (int i = 0; i < latencyMs.length; i++) {
            sorted[i] = latencyMs[i];
        }
        Arrays.sort(sorted);
        return Quantiles.of(sorted, 0.99);
    }

    private static String ms(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.1f", value);
    }
}
