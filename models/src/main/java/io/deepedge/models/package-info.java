/**
 * Domain records and performance models of Deep-Edge: devices, LC services, the training job, plans,
 * results, and the analytic formulas (synchronisation cost, re-training time, largest-remainder shares).
 *
 * <p>Depends on Commons Math only. No clock, no randomness, no file-system I/O; the device catalog is
 * read from a packaged classpath resource, which is read-only data, not I/O on user files.
 */
package io.deepedge.models;
