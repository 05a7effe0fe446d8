/**
 * Real latency-critical services: a DL4J model served from its own copy of the network by one FCFS worker
 * thread, fed by an open-loop load generator whose arrival times are drawn from a seed in advance
 * ({@link io.deepedge.hw.inference.ArrivalSchedule}: Poisson, piecewise-constant steps, recorded traces).
 *
 * <p><b>Where latency is measured</b>: from a request's scheduled arrival (a time computed from the schedule,
 * not when the generator sent it) to the return of the model's {@code output} call on the worker thread, both
 * read from one {@code System.nanoTime()} origin. It therefore includes queueing behind earlier requests and
 * any lag of the generator, and excludes transport to a remote client: the simulator's twin is the sojourn
 * time (wait + service) of a FCFS single-server queue. {@link io.deepedge.hw.inference.CalibrationService} is
 * a busy-spin of known duration used to check this machinery against D/D/1 and M/D/1 theory.
 */
package io.deepedge.hw.inference;
