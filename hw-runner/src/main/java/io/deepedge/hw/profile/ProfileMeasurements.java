package io.deepedge.hw.profile;

import io.deepedge.hw.rpc.v1.CalibrateServicesReply;
import io.deepedge.hw.rpc.v1.ServiceTiming;
import io.deepedge.models.profile.DesignPoint;
import io.deepedge.models.profile.Measurement;
import io.deepedge.models.profile.ServiceProfile;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns the agents' open-loop {@code CalibrateServices} replies into the profile's terms: one {@link Measurement}
 * per design point and one {@link ServiceProfile} per service. No I/O.
 *
 * <p>A device's design rate {@code λ} is split among its services by {@code share} (their configured rates'
 * shares, summing to 1), so service {@code k} runs at {@code λ share_k}. The device's service time is then the
 * rate-weighted mean {@code Σ share_k S_k}, which makes {@code λ x} that mean the device's LC utilisation
 * ({@link Measurement#utilisation()}).
 */
public final class ProfileMeasurements {
    private ProfileMeasurements() {
    }

    /**
     * @param share each service's share of the design rate (service id to share)
     * @throws IllegalStateException when the reply lacks a service or a positive figure (named)
     */
    public static Measurement measurement(DesignPoint point, CalibrateServicesReply reply, Map<String, Double> share) {
        double alone = 0;
        double together = 0;
        for (Map.Entry<String, Double> e : share.entrySet()) {
            ServiceTiming t = timing(reply, e.getKey());
            if (!(t.getAloneMeanMs() > 0 && t.getTrainingMeanMs() > 0)) {
                throw new IllegalStateException("service " + e.getKey() + " at " + describe(point)
                        + ": no request completed in a condition (raise the rate or the measuring time)");
            }
            alone += e.getValue() * t.getAloneMeanMs();
            together += e.getValue() * t.getTrainingMeanMs();
        }
        if (!(reply.getTrainingAloneSamplesPerSec() > 0 && reply.getTrainingBesideServicesSamplesPerSec() > 0)) {
            throw new IllegalStateException(describe(point) + ": fewer than two gradients completed in a condition");
        }
        return new Measurement(point, reply.getTrainingAloneSamplesPerSec(),
                reply.getTrainingBesideServicesSamplesPerSec(), alone, together);
    }

    /**
     * A service's standalone service time pooled over every design point's alone condition: the mean over all
     * requests, and the cv from the pooled second moment ({@code E[S^2] = mean^2 (1 + cv^2)} per point).
     */
    public static ServiceProfile service(String name, String model, List<CalibrateServicesReply> replies) {
        double n = 0;
        double sum = 0;
        double sumSquares = 0;
        for (CalibrateServicesReply r : replies) {
            ServiceTiming t = timing(r, name);
            double m = t.getAloneMeanMs();
            double k = t.getCount();
            n += k;
            sum += k * m;
            // per point, the sample variance has k - 1 degrees of freedom: sum of squares = (k - 1) sd^2 + k m^2
            sumSquares += Math.max(0, k - 1) * Math.pow(t.getAloneCv() * m, 2) + k * m * m;
        }
        double mean = sum / n;
        double variance = n > 1 ? (sumSquares - n * mean * mean) / (n - 1) : 0;
        return new ServiceProfile(name, model, mean, Math.sqrt(Math.max(0, variance)) / mean, (long) n);
    }

    private static ServiceTiming timing(CalibrateServicesReply reply, String service) {
        List<String> seen = new ArrayList<>();
        for (ServiceTiming t : reply.getServicesList()) {
            if (t.getServiceId().equals(service)) {
                return t;
            }
            seen.add(t.getServiceId());
        }
        throw new IllegalStateException("the agent's reply has no timing of service " + service + " (has " + seen + ")");
    }

    static String describe(DesignPoint p) {
        return String.format(java.util.Locale.ROOT, "design point batch %d, rate %.3g/s", p.batch(), p.ratePerSec());
    }
}
