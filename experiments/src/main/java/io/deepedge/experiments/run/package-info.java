/**
 * Carrying out an experiment: the run list (grid point x policy x replication), its shards, parallel
 * execution with results in run-list order, and the result files written atomically.
 */
package io.deepedge.experiments.run;
