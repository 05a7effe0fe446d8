/**
 * The experiment config loader: reads a YAML experiment file (see CONTRACTS.md, "Experiment config"),
 * validates every field, expands a sweep into grid points and builds one {@link io.deepedge.models.Scenario}
 * per point.
 *
 * <p>Invalid input never throws anything but {@link io.deepedge.experiments.config.ConfigException}, which
 * carries every problem found, one {@code FILE:LINE: path: what (value), expected ...} line each. The YAML is
 * walked as a SnakeYAML node tree (not bound with Jackson) so that every value keeps its line number.
 *
 * <p>Trace files a config names ({@code arrivals.trace}, {@code failures[].trace}) are resolved from the config
 * file's directory first, then the working directory, read with the {@code traces} module, and their problems
 * reported as {@code TRACEFILE:LINE:COLUMN: problem (value), expected ...; referenced at FILE:LINE: path}.
 *
 * <p>May depend on {@code models} (records and the catalog), {@code scheduler-policies} (the policy registry),
 * {@code traces} (trace readers) and SnakeYAML; nothing else, so that the CLI, the simulator and the testbed can
 * all share it.
 */
package io.deepedge.experiments.config;
