package io.deepedge.models.profile;

import java.util.List;

/**
 * A fitted model's errors on points it was not fitted to, per predicted quantity. Each prediction uses only what
 * is known before co-locating: the batch, the rate and the service time alone.
 */
public record HeldOutErrors(ErrorSummary trainSamplesPerSec, ErrorSummary serviceSlowdown,
                            ErrorSummary trainingSlowdown) {
    /** One device's fitted model and the points held out of its fit. */
    public record Fitted(InterferenceModel model, List<Measurement> heldOut) {
        public Fitted {
            heldOut = List.copyOf(heldOut);
        }

        /**
         * {@code device}'s model and its held-out design points, each as the mean of its measurements where it was
         * measured again ({@link ProfiledDevice.MeasuredPoint#averaged}).
         */
        public static Fitted of(ProfiledDevice device) {
            return new Fitted(device.model(), heldOutPoints(device.design()));
        }
    }

    /** The held-out points of a design, each averaged over its measurements. */
    public static List<Measurement> heldOutPoints(List<ProfiledDevice.MeasuredPoint> design) {
        return design.stream().filter(ProfiledDevice.MeasuredPoint::heldOut)
                .map(ProfiledDevice.MeasuredPoint::averaged).toList();
    }

    public static HeldOutErrors of(InterferenceModel model, List<Measurement> heldOut) {
        return pooled(List.of(new Fitted(model, heldOut)));
    }

    /**
     * The errors over the held-out points of every device together, each point predicted by its own device's model:
     * one median per quantity over all of them, which a few held-out points per device cannot give.
     */
    public static HeldOutErrors pooled(List<Fitted> devices) {
        int n = devices.stream().mapToInt(d -> d.heldOut().size()).sum();
        double[][] predicted = new double[3][n];
        double[][] measured = new double[3][n];
        int i = 0;
        for (Fitted d : devices) {
            for (Measurement m : d.heldOut()) {
                int b = m.point().batch();
                predicted[0][i] = d.model().trainSamplesPerSec(b);
                measured[0][i] = m.trainAloneSamplesPerSec();
                double rho = d.model().utilisationAt(m);
                predicted[1][i] = d.model().serviceSlowdown(b, rho);
                measured[1][i] = d.model().measuredServiceSlowdown(m);
                predicted[2][i] = d.model().trainingSlowdown(b, rho);
                measured[2][i] = m.trainingSlowdown();
                i++;
            }
        }
        return new HeldOutErrors(ErrorSummary.of(predicted[0], measured[0]), ErrorSummary.of(predicted[1], measured[1]),
                ErrorSummary.of(predicted[2], measured[2]));
    }
}
