/**
 * Real training with DL4J/ND4J 1.0.0-M2.1: the network architectures, the base model (trained once, cached
 * by its settings), and the two halves of a synchronous data-parallel round - {@link
 * io.deepedge.hw.train.GradientComputer} on each agent (the summed gradient of its slice of the global batch)
 * and {@link io.deepedge.hw.train.ParameterServerStep} at the coordinator (sum, one updater step for the global
 * batch, subtract) - so that a round equals one single-process step on the whole batch.
 *
 * <p>{@link io.deepedge.hw.train.Nd4jSetup#configure()} runs before any ND4J class loads: it keeps ND4J's
 * natives and DL4J's resource folder out of the home directory. Depends on {@code io.deepedge.hw.data}.
 */
package io.deepedge.hw.train;
