/**
 * The experiment config loader: reads a YAML experiment file (see CONTRACTS.md, "Experiment config"),
 * validates every field, expands a sweep into grid points and builds one {@link io.deepedge.models.Scenario}
 * per point.
 *
 * <p>Invalid input never throws anything but {@link io.deepedge.experiments.config.ConfigException}, which
 * carries every problem found, one {@code FILE:LINE: path: what (value), expected ...} line each. The YAML is
 * walked as a SnakeYAML node tree (not bound with Jackson) so that every value keeps its line number.
 *
 * <p>What is validated covers what the run will do: {@link io.deepedge.experiments.config.RunOptions} carries the
 * command-line options that change it ({@code --policies}, {@code --replications}, {@code --threads}) and the
 * heap, so an override is checked like the config's own list, and a grid point whose runs would not fit in memory
 * is refused with its estimate ({@code RunMemory}). Every numeric field has a range ({@code Ranges}); names follow
 * one rule ({@code Names}); the file's bytes (UTF-8, size) and YAML structure (nesting, aliases) are checked first,
 * each problem at its line ({@code YamlSource}, {@code YamlLimits}).
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
