/**
 * Load forecasters over monitored per-interval arrival rates (Barista-style): last value, EWMA and
 * additive Holt-Winters with trend and season. Pure functions of the history they are given.
 */
package io.deepedge.models.forecast;
