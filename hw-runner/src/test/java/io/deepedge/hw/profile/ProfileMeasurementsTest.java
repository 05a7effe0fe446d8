package io.deepedge.hw.profile;

import io.deepedge.hw.rpc.v1.CalibrateServicesReply;
import io.deepedge.hw.rpc.v1.ServiceTiming;
import io.deepedge.models.profile.DesignPoint;
import io.deepedge.models.profile.Measurement;
import io.deepedge.models.profile.ServiceProfile;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Fake agent replies turned into the profile's terms; expected values worked out by hand in the comments. */
class ProfileMeasurementsTest {
    private static ServiceTiming timing(String id, double aloneMs, double aloneCv, int count, double trainingMs) {
        return ServiceTiming.newBuilder().setServiceId(id).setAloneMeanMs(aloneMs).setAloneCv(aloneCv).setCount(count)
                .setTrainingMeanMs(trainingMs).setTrainingCount(count).build();
    }

    private static CalibrateServicesReply reply(double aloneSps, double besideSps, ServiceTiming... t) {
        return CalibrateServicesReply.newBuilder().setTrainingAloneSamplesPerSec(aloneSps)
                .setTrainingBesideServicesSamplesPerSec(besideSps).addAllServices(List.of(t)).build();
    }

    @Test
    void aDesignPointsServiceTimesAreTheRateWeightedMeanOfItsServices() {
        Map<String, Double> share = new LinkedHashMap<>();
        share.put("a", 0.75);
        share.put("b", 0.25);
        DesignPoint p = new DesignPoint(16, 40);
        Measurement m = ProfileMeasurements.measurement(p, reply(200, 150, timing("a", 4, 0.5, 10, 8),
                timing("b", 10, 0, 10, 12)), share);
        assertEquals(p, m.point());
        assertEquals(200, m.trainAloneSamplesPerSec());
        assertEquals(150, m.trainColocatedSamplesPerSec());
        assertEquals(5.5, m.serviceAloneMeanMs(), 1e-12);      // 0.75 x 4 + 0.25 x 10
        assertEquals(9.0, m.serviceColocatedMeanMs(), 1e-12);  // 0.75 x 8 + 0.25 x 12
        assertEquals(0.22, m.utilisation(), 1e-12);            // 40/s x 5.5 ms
    }

    @Test
    void aServiceIsPooledOverThePointsByItsRequests() {
        // 10 requests of mean 4 and sd 2 (cv 0.5), 30 of mean 6 and sd 0: mean 220 / 40 = 5.5; sum of squares
        // 9 x 4 + 10 x 16 + 30 x 36 = 1276, so the variance is (1276 - 40 x 5.5^2) / 39 = 66 / 39
        ServiceProfile s = ProfileMeasurements.service("a", "model-x", List.of(reply(1, 1, timing("a", 4, 0.5, 10, 8)),
                reply(1, 1, timing("a", 6, 0, 30, 9))));
        assertEquals(new ServiceProfile("a", "model-x", 5.5, Math.sqrt(66.0 / 39) / 5.5, 40), s);
    }

    @Test
    void aMissingServiceOrTrainingFigureIsNamed() {
        Map<String, Double> share = Map.of("c", 1.0);
        DesignPoint p = new DesignPoint(8, 10);
        IllegalStateException missing = assertThrows(IllegalStateException.class,
                () -> ProfileMeasurements.measurement(p, reply(1, 1, timing("a", 4, 0, 1, 5)), share));
        assertEquals("the agent's reply has no timing of service c (has [a])", missing.getMessage());
        IllegalStateException noTraining = assertThrows(IllegalStateException.class,
                () -> ProfileMeasurements.measurement(p, reply(100, 0, timing("c", 4, 0, 1, 5)), share));
        assertEquals("design point batch 8, rate 10.0/s: fewer than two gradients completed in a condition",
                noTraining.getMessage());
    }
}
