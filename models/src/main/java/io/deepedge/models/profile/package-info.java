/**
 * Profiling by design of experiments: the plan of operating points ({@link DesignPlan}: Latin hypercube or
 * full factorial over local batch size x LC arrival rate, each point measured alone and co-located), the
 * interference model fitted to the measurements by least squares ({@link InterferenceFit},
 * {@link InterferenceModel}), its error on held-out points ({@link HeldOutErrors}) and the rule that picks a
 * service-time family from a measured coefficient of variation ({@link ServiceTimeRule}).
 *
 * <p>Pure computation, shared by the profiler (hardware runner side) and the config loader that turns a
 * profile file into the simulator's device figures: no I/O, no clock, randomness only from a given seed.
 */
package io.deepedge.models.profile;
