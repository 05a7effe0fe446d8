package io.deepedge.traces;

import io.deepedge.models.Arrivals;

import java.util.Arrays;
import java.util.List;

/**
 * A per-request trace: request times in seconds from the start of the run, non-decreasing. Immutable.
 */
public final class RequestTrace {
    private final String source;
    private final double[] timesSec;

    /**
     * @param source where the times come from, for reports
     * @param timesSec at least one time, each finite and >= 0, non-decreasing (copied)
     */
    public RequestTrace(String source, double[] timesSec) {
        this.source = source;
        this.timesSec = timesSec.clone();
        if (this.timesSec.length == 0) {
            throw new IllegalArgumentException("a request trace needs at least one request (" + source + ")");
        }
        for (int i = 0; i < this.timesSec.length; i++) {
            double t = this.timesSec[i];
            if (!(t >= 0) || Double.isInfinite(t) || (i > 0 && t < this.timesSec[i - 1])) {
                throw new IllegalArgumentException("request times must be finite, >= 0 and non-decreasing ("
                        + source + ", index " + i + ": " + t + ")");
            }
        }
    }

    public String source() {
        return source;
    }

    public int count() {
        return timesSec.length;
    }

    /** A copy of the request times. */
    public double[] timesSec() {
        return timesSec.clone();
    }

    public double firstSec() {
        return timesSec[0];
    }

    public double lastSec() {
        return timesSec[timesSec.length - 1];
    }

    /** From the first to the last request. */
    public double spanSec() {
        return lastSec() - firstSec();
    }

    /** Requests per second over the span; NaN when the span is 0 (one request, or all at one instant). */
    public double meanRatePerSec() {
        return spanSec() > 0 ? (count() - 1) / spanSec() : Double.NaN;
    }

    /** Whether {@link #toArrivals} can repeat this trace: it needs a positive mean gap between requests. */
    public boolean canLoop() {
        return count() >= 2 && spanSec() > 0;
    }

    /**
     * The trace replayed exactly, time-compressed by {@code rateScale} (times divided by it, so 2 doubles the
     * rate) and, with {@code loop}, repeated with period = (scaled) last time + mean gap: for a trace starting at
     * 0, as Azure traces are shifted to, that is its span plus one mean gap, so the seam looks like any other gap.
     *
     * @param label the {@link Arrivals.Recorded#source()}
     * @throws IllegalArgumentException when {@code rateScale} is not positive, or {@code loop} and not {@link #canLoop}
     */
    public Arrivals.Recorded toArrivals(String label, double rateScale, boolean loop) {
        if (!(rateScale > 0) || Double.isInfinite(rateScale)) {
            throw new IllegalArgumentException("rateScale must be positive and finite (" + rateScale + ")");
        }
        if (loop && !canLoop()) {
            throw new IllegalArgumentException("a looped trace needs two requests at different times (" + source + ")");
        }
        Double[] scaled = new Double[timesSec.length];
        for (int i = 0; i < timesSec.length; i++) {
            scaled[i] = timesSec[i] / rateScale;
        }
        double meanGap = spanSec() / rateScale / (count() - 1);
        double period = loop ? lastSec() / rateScale + meanGap : 0;
        return new Arrivals.Recorded(label, List.of(scaled), period);
    }

    @Override
    public String toString() {
        return "RequestTrace[" + source + ", " + count() + " requests, " + firstSec() + " .. " + lastSec() + " s]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RequestTrace r && source.equals(r.source) && Arrays.equals(timesSec, r.timesSec);
    }

    @Override
    public int hashCode() {
        return 31 * source.hashCode() + Arrays.hashCode(timesSec);
    }
}
