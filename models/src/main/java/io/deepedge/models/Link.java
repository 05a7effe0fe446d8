package io.deepedge.models;

/**
 * A device's network link: bandwidth and one-way latency.
 *
 * @param bandwidthMbps link bandwidth in megabits (10^6 bits) per second, positive
 * @param latencyMs one-way latency in milliseconds, non-negative
 */
public record Link(double bandwidthMbps, double latencyMs) {
    public Link {
        Checks.positive("bandwidthMbps", bandwidthMbps);
        Checks.nonNegative("latencyMs", latencyMs);
    }

    /** Bytes per second this link carries. */
    public double bytesPerSec() {
        return bandwidthMbps * 1e6 / 8.0;
    }

    public double latencySec() {
        return latencyMs / 1000.0;
    }

    /** Time to move {@code bytes} over this link once: latency plus serialisation. */
    public double transferSec(double bytes) {
        return latencySec() + bytes / bytesPerSec();
    }
}
