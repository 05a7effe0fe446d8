package io.deepedge.models;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Which devices train and how many samples of each epoch each one processes.
 * Assignments are kept in device-name order; devices with a zero share are not listed.
 */
public record Plan(List<Assignment> assignments) {
    public Plan {
        assignments = assignments.stream().sorted(Comparator.comparing(Assignment::device)).toList();
        if (assignments.isEmpty()) {
            throw new IllegalArgumentException("a plan needs at least one device");
        }
        long distinct = assignments.stream().map(Assignment::device).distinct().count();
        if (distinct != assignments.size()) {
            throw new IllegalArgumentException("a plan lists each device once " + assignments);
        }
    }

    public long totalSamples() {
        return assignments.stream().mapToLong(Assignment::samples).sum();
    }

    public int size() {
        return assignments.size();
    }

    public List<String> devices() {
        return assignments.stream().map(Assignment::device).toList();
    }

    public long samplesOf(String device) {
        return assignments.stream().filter(a -> a.device().equals(device)).mapToLong(Assignment::samples)
                .findFirst().orElse(0);
    }

    /**
     * Local batch of {@code device} in synchronous iteration {@code iteration} (0-based within an epoch):
     * its share spread as evenly as integers allow over the epoch's iterations, so the batches of one
     * device sum to its share exactly.
     */
    public static long localBatch(long share, long iterationsPerEpoch, long iteration) {
        return Math.floorDiv(Math.multiplyExact(iteration + 1, share), iterationsPerEpoch)
                - Math.floorDiv(Math.multiplyExact(iteration, share), iterationsPerEpoch);
    }

    /** The contract's rendering: {@code device:samples} pairs separated by {@code ;}, in device-name order. */
    public String render() {
        return assignments.stream().map(a -> a.device() + ":" + a.samples()).collect(Collectors.joining(";"));
    }
}
