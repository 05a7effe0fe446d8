/**
 * The training timeline of a run: what each device did for the job over time (timeline.csv), recorded alike by
 * the simulator and the testbed. No clock, no I/O: the mechanism passes its own times.
 */
package io.deepedge.models.timeline;
