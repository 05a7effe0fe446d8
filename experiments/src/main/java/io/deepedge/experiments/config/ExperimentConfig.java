package io.deepedge.experiments.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A loaded and fully validated experiment config: what to run (one scenario per grid point), with which
 * policies, how often and from which seed.
 *
 * @param file the config file, as given to the loader
 * @param name experiment name, names the output directory
 * @param seed master seed
 * @param replications runs per policy and grid point, from 1 to 10000
 * @param horizonSec the horizon written at the top level; a sweep over {@code horizonSec} sets each
 *                   grid point's {@code Scenario.horizonSec()} instead, which is the one runs must use
 * @param policies registered policy ids, in file order, without duplicates (a {@code --policies} override
 *                 given to the loader was validated but does not replace them)
 * @param sweepPaths swept paths in file order; empty without a sweep
 * @param gridPoints the grid in order (first sweep path varying slowest); one point without a sweep
 * @param text the config's text as read, once, by the loader (a leading byte-order mark removed): what a manifest
 *             records, also when the file was a pipe that cannot be read again
 * @param traceFiles every trace file the config reads, as resolved
 */
public record ExperimentConfig(Path file, String name, long seed, int replications, double horizonSec,
                               List<String> policies, List<String> sweepPaths, List<GridPoint> gridPoints,
                               String text, List<Path> traceFiles) {
    /** A config built in code, without a file text or trace files behind it. */
    public ExperimentConfig(Path file, String name, long seed, int replications, double horizonSec,
                            List<String> policies, List<String> sweepPaths, List<GridPoint> gridPoints) {
        this(file, name, seed, replications, horizonSec, policies, sweepPaths, gridPoints, "", List.of());
    }

    public ExperimentConfig {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(text, "text");
        traceFiles = List.copyOf(traceFiles);
        policies = List.copyOf(policies);
        sweepPaths = List.copyOf(sweepPaths);
        gridPoints = List.copyOf(gridPoints);
        if (gridPoints.isEmpty()) {
            throw new IllegalArgumentException("an experiment has at least one grid point");
        }
    }
}
