package io.deepedge.models.profile;

import java.util.List;

/**
 * A fitted model's errors on points it was not fitted to, per predicted quantity. Each prediction uses only what
 * is known before co-locating: the batch, the rate and the service time alone.
 */
public record HeldOutErrors(ErrorSummary trainSamplesPerSec, ErrorSummary serviceSlowdown,
                            ErrorSummary trainingSlowdown) {
    public static HeldOutErrors of(InterferenceModel model, List<Measurement> heldOut) {
        int n = heldOut.size();
        double[][] predicted = new double[3][n];
        double[][] measured = new double[3][n];
        for (int i = 0; i < n; i++) {
            Measurement m = heldOut.get(i);
            int b = m.point().batch();
            predicted[0][i] = model.trainSamplesPerSec(b);
            measured[0][i] = m.trainAloneSamplesPerSec();
            predicted[1][i] = model.serviceSlowdown(b, m.utilisation());
            measured[1][i] = m.serviceSlowdown();
            predicted[2][i] = model.trainingSlowdown(b, m.utilisation());
            measured[2][i] = m.trainingSlowdown();
        }
        return new HeldOutErrors(ErrorSummary.of(predicted[0], measured[0]), ErrorSummary.of(predicted[1], measured[1]),
                ErrorSummary.of(predicted[2], measured[2]));
    }
}
