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
 * whether a tail was made before the request's model call ended or after. The agent's figure is split further, request
 * by request, into the time before the service's worker took the request up (its way in to the service's queue, and
 * the queue) and the service itself.
 */
final class LcPath {
    private LcPath() {
    }

    /**
     * {@code LC p99 at the coordinator / on the agent: classifier@big 46.9 / 45.0 ms (before its worker 10.0: on its
     * way in 7.2, queued 4.1; in service 8.4), ...} in the order of {@code services}; {@code onAgent} maps device to
     * service to what the agent recorded over the window. A service the agent did not report (a remote agent that
     * went down, no requests) shows {@code -}; one without service times (an older agent) has no parenthesis, one
     * without queue times (before protocol 1.8) no split of the time before its worker.
     */
    static String line(List<ServiceStats> services, Map<String, Map<String, AgentRequests>> onAgent) {
        StringJoiner parts = new StringJoiner(", ", "LC p99 at the coordinator / on the agent: ", "");
        for (ServiceStats s : services) {
            AgentRequests r = onAgent.getOrDefault(s.device(), Map.of()).get(s.service());
            String part = s.service() + "@" + s.device() + " " + ms(s.p99Ms()) + " / "
                    + ms(r == null ? Double.NaN : p99(r.latencyMs())) + " ms";
            if (r != null && r.serviceMs().length > 0) {
                String before = ms(p99(r.beforeWorkerMs()));
                if (r.queueMs().length > 0) {
                    before += ": on its way in " + ms(p99(r.wayInMs())) + ", queued " + ms(p99(r.queueMs())) + ";";
                } else {
                    before += ",";
                }
                part += " (before its worker " + before + " in service " + ms(p99(r.serviceMs())) + ")";
            }
            parts.add(part);
        }
        return parts.toString();
    }

    /** The nearest-rank 99th percentile of {@code valuesMs}, as runs.csv's: NaN when empty. */
    static double p99(float[] valuesMs) {
        double[] sorted = new double[valuesMs.length];
        for (int i = 0; i < valuesMs.length; i++) {
            sorted[i] = valuesMs[i];
        }
        Arrays.sort(sorted);
        return Quantiles.of(sorted, 0.99);
    }

    private static String ms(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.1f", value);
    }
}
