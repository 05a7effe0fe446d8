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
 */
public record RunOptions(Optional<List<String>> policies, OptionalInt replications, int threads, long maxHeapBytes) {
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
        return new RunOptions(Optional.of(override), replications, threads, maxHeapBytes);
    }

    public RunOptions withThreads(int runsAtOnce) {
        return new RunOptions(policies, replications, runsAtOnce, maxHeapBytes);
    }

    public RunOptions withMaxHeapBytes(long bytes) {
        return new RunOptions(policies, replications, threads, bytes);
    }

    public RunOptions withReplications(int override) {
        return new RunOptions(policies, OptionalInt.of(override), threads, maxHeapBytes);
    }
}
