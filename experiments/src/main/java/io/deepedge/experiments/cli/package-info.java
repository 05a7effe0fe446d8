/**
 * The {@code deepedge} command line (picocli): the composition root that wires config, policies,
 * simulator, result files and report together. Exit codes: 0 success, 2 invalid input, 1 other failure.
 */
package io.deepedge.experiments.cli;
