/**
 * The experiment config loader: reads a YAML experiment file (see CONTRACTS.md, "Experiment config"),
 * validates every field, expands a sweep into grid points and builds one {@link io.deepedge.models.Scenario}
 * per point.
 *
 * <p>Invalid input never throws anything but {@link io.deepedge.experiments.config.ConfigException}, which
 * carries every problem found, one {@code FILE:LINE: path: what (value), expected ...} line each. The YAML is
 * walked as a SnakeYAML node tree (not bound with Jackson) so that every value keeps its line number.
 *
 * <p>May depend on {@code models} (records and the catalog), {@code scheduler-policies} (the policy registry)
 * and SnakeYAML; nothing else, so that the CLI, the simulator and the testbed can all share it.
 */
package io.deepedge.experiments.config;
