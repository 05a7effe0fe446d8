/**
 * Result tables, charts and the HTML report of Deep-Edge: {@link io.deepedge.plots.Summary} turns a result
 * directory's {@code runs.csv} into {@code summary.csv}, and {@link io.deepedge.plots.Report} draws
 * {@code plots/*.png} and {@code report.html} from {@code runs.csv}, {@code summary.csv} and {@code services.csv}.
 *
 * <p>This module only reads result CSV files (the "Result directory" contract) and knows nothing of how they
 * were produced: simulated and testbed runs share every column and are treated alike. It depends on Tablesaw
 * (reading), XChart (drawing, run headless) and Commons Math (Student-t quantiles) only, never on another
 * Deep-Edge module. Output is a pure function of the input files: no clock, no machine locale, no hash order.
 */
package io.deepedge.plots;
