package io.deepedge.sim;

import io.deepedge.models.Arrivals;
import io.deepedge.models.ServiceTime;
import umontreal.ssj.probdist.NormalDist;
import umontreal.ssj.rng.RandomStream;

/**
 * Inversion samplers: one uniform per draw, so common random numbers stay aligned across policies.
 */
final class Sampling {
    private Sampling() {
    }

    static double serviceSec(ServiceTime serviceTime, RandomStream stream) {
        double u = stream.nextDouble();
        double ms;
        if (serviceTime instanceof ServiceTime.Exponential e) {
            ms = -e.meanMs() * Math.log1p(-u);
        } else if (serviceTime instanceof ServiceTime.Constant c) {
            ms = c.ms();
        } else if (serviceTime instanceof ServiceTime.Lognormal l) {
            ms = Math.exp(l.mu() + l.sigma() * NormalDist.inverseF01(u));
        } else {
            throw new IllegalArgumentException("unsupported service time " + serviceTime);
        }
        return ms / 1000.0;
    }

    static double interarrivalSec(Arrivals arrivals, RandomStream stream) {
        if (arrivals instanceof Arrivals.Poisson p) {
            return -Math.log1p(-stream.nextDouble()) / p.ratePerSec();
        }
        throw new IllegalArgumentException("unsupported arrivals " + arrivals);
    }
}
