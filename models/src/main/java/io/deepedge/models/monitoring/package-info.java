/**
 * When to re-plan: the load monitor's decision, shared by every mechanism that carries plans out (the
 * simulator feeds it simulated arrival counts, the hardware coordinator will feed it real ones), so a real
 * run and a simulated run re-plan by the same rules.
 *
 * <p>{@link io.deepedge.models.monitoring.LoadWatch} keeps each LC instance's per-interval rates and, at the end
 * of every monitoring interval, says whether a load shift (a rate change beyond noise, with the false-alarm
 * chance controlled over all instances) or an SLO at risk over the rest of the job (the running plan checked at
 * the forecast peak) calls for a re-plan. Pure: no clock, no I/O, no randomness.
 */
package io.deepedge.models.monitoring;
