package io.deepedge.experiments.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What a run does beyond the config file, set on the command line, so that the loader validates the experiment
 * that will actually run: the policies that run (the config's or a {@code --policies} override) against each grid
 * point's device count, and the memory of the runs held at once against the heap.
 *
 * @param policies a {@code --policies} list that replaces the config's, as typed (the loader checks the ids)
 * @param replications a valid {@code --replications} value that replaces the config's, when given
 * @param threads runs simulated at once (at most the number of runs), at least 1
 * @param maxHeapBytes the heap the runs may use, normally {@code Runtime.getRuntime().maxMemory()}
 * @param calibratedFigures whether figures the testbed calibrates may be omitted ({@link #withCalibratedFigures})
 */
public record RunOptions(Optional<List<String>> policies, OptionalInt replications, int threads, long maxHeapBytes,
                         boolean calibratedFigures) {
    /** Options for {@code simulate}: every planning figure must be in the config. */
    public RunOptions(Optional<List<String>> policies, OptionalInt replications, int threads, long maxHeapBytes) {
        this(policies, replications, threads, maxHeapBytes, false);
    }

    public RunOptions {
        policies = policies.map(List::copyOf);
        Objects.requireNonNull(replications, "replications");
        if (threads < 1 || maxHeapBytes < 1) {
            throw new IllegalArgumentException("threads and maxHeapBytes must be positive (" + threads + ", "
                    + maxHeapBytes + ")");
        }
    }

    /** The config as written, one run per core at once, in this JVM's heap. */
    public static RunOptions defaults() {
        return new RunOptions(Optional.empty(), OptionalInt.empty(), Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory());
    }

    public RunOptions withPolicies(List<String> override) {
        return new RunOptions(Optional.of(override), replications, threads, maxHeapBytes, calibratedFigures);
    }

    public RunOptions withThreads(int runsAtOnce) {
        return new RunOptions(policies, replications, runsAtOnce, maxHeapBytes, calibratedFigures);
    }

    public RunOptions withMaxHeapBytes(long bytes) {
        return new RunOptions(policies, replications, threads, bytes, calibratedFigures);
    }

    public RunOptions withReplications(int override) {
        return new RunOptions(policies, OptionalInt.of(override), threads, maxHeapBytes, calibratedFigures);
    }

    /**
     * For {@code testbed}: a device's {@code profile.trainSamplesPerSec} and a service's {@code serviceTimeMs} may
     * be omitted (the agents calibrate them); what the config writes is recorded in {@link TestbedSettings}.
     */
    public RunOptions withCalibratedFigures() {
        return new RunOptions(policies, replications, threads, maxHeapBytes, true);
    }
}
