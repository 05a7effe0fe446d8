package io.deepedge.models.barrier;

/** A device's compute time for one local batch, as the barrier integral needs it. */
interface ComputeDistribution {
    double cdf(double sec);

    double meanSec();

    /** Below this the distribution function is 0. */
    double minSec();

    /** At and above this it is 1. */
    double maxSec();
}
