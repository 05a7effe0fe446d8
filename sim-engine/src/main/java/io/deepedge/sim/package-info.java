/**
 * The discrete-event simulator of Deep-Edge on SSJ 3: devices, LC service queues, two-way interference,
 * synchronous data-parallel training with synchronisation and checkpoints, and device failures.
 *
 * <p>Depends on {@code models}, {@code scheduler-policies} and {@code traces}; the only module that uses SSJ.
 * One explicit {@link umontreal.ssj.simevents.Simulator} per run; randomness from named streams seeded from
 * the run seed, so every policy of a replication sees the same arrivals and service times.
 */
package io.deepedge.sim;
