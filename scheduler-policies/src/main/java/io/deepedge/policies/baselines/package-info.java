/**
 * Baseline policies Deep-Edge is compared with: interference-blind and load-blind splits.
 */
package io.deepedge.policies.baselines;
