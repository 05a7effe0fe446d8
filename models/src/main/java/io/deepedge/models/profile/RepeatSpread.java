package io.deepedge.models.profile;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * How far a design point's measurements lie apart when the point is measured again (DOE's pure error): for every
 * later measurement of a point, its {@code |relative difference|} from the point's first, per figure the held-out
 * errors and the quota model's errors are read on. A model cannot be expected to predict a point closer than the
 * point repeats itself, so this is the floor those errors stand on.
 *
 * @param trainSamplesPerSec training throughput alone
 * @param serviceSlowdown co-located over alone mean service time
 * @param trainingSlowdown alone over co-located training throughput
 * @param trainColocatedSamplesPerSec training throughput beside the services
 * @param serviceColocatedMeanMs mean service time beside training
 */
public record RepeatSpread(ErrorSummary trainSamplesPerSec, ErrorSummary serviceSlowdown,
                           ErrorSummary trainingSlowdown, ErrorSummary trainColocatedSamplesPerSec,
                           ErrorSummary serviceColocatedMeanMs) {
    /** No point was measured twice. */
    public static final RepeatSpread NONE = of(List.of());

    public RepeatSpread {
        if (trainSamplesPerSec == null || serviceSlowdown == null || trainingSlowdown == null
                || trainColocatedSamplesPerSec == null || serviceColocatedMeanMs == null) {
            throw new IllegalArgumentException("every error summary must be given");
        }
    }

    /** The spread over {@code points}' repeats; points measured once add nothing. */
    public static RepeatSpread of(List<ProfiledDevice.MeasuredPoint> points) {
        return new RepeatSpread(summary(points, Measurement::trainAloneSamplesPerSec),
                summary(points, Measurement::serviceSlowdown), summary(points, Measurement::trainingSlowdown),
                summary(points, Measurement::trainColocatedSamplesPerSec),
                summary(points, Measurement::serviceColocatedMeanMs));
    }

    /** Whether any point was measured more than once. */
    public boolean evaluated() {
        return trainSamplesPerSec.points() > 0;
    }

    private static ErrorSummary summary(List<ProfiledDevice.MeasuredPoint> points,
                                        ToDoubleFunction<Measurement> figure) {
        List<Double> again = new ArrayList<>();
        List<Double> first = new ArrayList<>();
        for (ProfiledDevice.MeasuredPoint p : points) {
            for (Measurement r : p.repeats()) {
                again.add(figure.applyAsDouble(r));
                first.add(figure.applyAsDouble(p.measurement()));
            }
        }
        return ErrorSummary.of(again.stream().mapToDouble(Double::doubleValue).toArray(),
                first.stream().mapToDouble(Double::doubleValue).toArray());
    }
}
