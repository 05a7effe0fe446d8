/**
 * Queueing-theory predictions of LC latency under co-location: M/M/1 exactly, M/G/1 through
 * Pollaczek-Khinchine and a stated tail approximation. Pure functions; Commons Math only.
 */
package io.deepedge.models.queueing;
