package io.deepedge.traces;

import io.deepedge.models.Arrivals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One function's per-minute invocation counts from an Azure Functions 2019 file. Immutable: the counts are
 * copied in and out.
 *
 * @param source the file, for reports
 * @param row 1-based data row in the file
 * @param owner HashOwner
 * @param app HashApp
 * @param function HashFunction
 * @param trigger Trigger (http, timer, queue, ...)
 * @param counts invocations in minute 1, 2, ... (each >= 0)
 */
public record FunctionRow(String source, int row, String owner, String app, String function, String trigger,
                          int[] counts) {
    /** The Azure layout's interval: one column per minute. */
    public static final double MINUTE_SEC = 60;

    public FunctionRow {
        counts = counts.clone();
        if (counts.length == 0 || Arrays.stream(counts).anyMatch(c -> c < 0)) {
            throw new IllegalArgumentException("a function row needs counts >= 0 for at least one minute (" + source + ")");
        }
    }

    @Override
    public int[] counts() {
        return counts.clone();
    }

    public int minutes() {
        return counts.length;
    }

    public long totalInvocations() {
        return Arrays.stream(counts).asLongStream().sum();
    }

    /** Invocations per second over all minutes. */
    public double meanRatePerSec() {
        return totalInvocations() / (minutes() * MINUTE_SEC);
    }

    /**
     * The counts as a piecewise-constant Poisson rate: one step per minute at {@code count / 60 * rateScale},
     * consecutive equal rates merged. After the last minute the rate is 0 (the file says nothing about later
     * load), unless {@code repeatUntilSec} asks to repeat the minutes, day after day, until that time.
     *
     * @param rateScale multiplies every rate, > 0
     * @param repeatUntilSec 0 to replay once; else repeat the counts until at least this time
     */
    public Arrivals.Steps toSteps(double rateScale, double repeatUntilSec) {
        if (!(rateScale > 0) || Double.isInfinite(rateScale) || !(repeatUntilSec >= 0)) {
            throw new IllegalArgumentException("rateScale must be positive and repeatUntilSec >= 0 (" + rateScale
                    + ", " + repeatUntilSec + ")");
        }
        long intervals = repeatUntilSec > 0 ? (long) Math.ceil(repeatUntilSec / MINUTE_SEC) : counts.length;
        List<Arrivals.Step> steps = new ArrayList<>();
        for (long m = 0; m < intervals; m++) {
            add(steps, m * MINUTE_SEC, counts[(int) (m % counts.length)] / MINUTE_SEC * rateScale);
        }
        if (repeatUntilSec == 0) {
            add(steps, intervals * MINUTE_SEC, 0);
        }
        return new Arrivals.Steps(steps);
    }

    private static void add(List<Arrivals.Step> steps, double atSec, double rate) {
        if (steps.isEmpty() || steps.get(steps.size() - 1).ratePerSec() != rate) {
            steps.add(new Arrivals.Step(atSec, rate));
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FunctionRow r && source.equals(r.source) && row == r.row && owner.equals(r.owner)
                && app.equals(r.app) && function.equals(r.function) && trigger.equals(r.trigger)
                && Arrays.equals(counts, r.counts);
    }

    @Override
    public int hashCode() {
        return 31 * function.hashCode() + Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        return "FunctionRow[" + source + " row " + row + ", " + function + " (" + trigger + "), " + minutes()
                + " minutes, " + totalInvocations() + " invocations]";
    }
}
