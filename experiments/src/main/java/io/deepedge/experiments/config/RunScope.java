package io.deepedge.experiments.config;

import java.util.List;
import java.util.Optional;

/**
 * What each grid point's runs will be beyond its scenario, from {@link RunOptions} and the size of the run list.
 *
 * @param policiesOverride the {@code --policies} list that runs instead of the config's, when given
 * @param runsAtOnce runs simulated at the same time: {@code --threads}, at most the number of runs
 * @param maxHeapBytes the heap they share
 * @param calibratedFigures whether figures the testbed calibrates may be omitted ({@link RunOptions#calibratedFigures})
 */
record RunScope(Optional<List<String>> policiesOverride, int runsAtOnce, long maxHeapBytes, boolean calibratedFigures) {
}
