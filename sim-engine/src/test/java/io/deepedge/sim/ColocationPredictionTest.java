package io.deepedge.sim;

import io.deepedge.models.Arrivals;
import io.deepedge.models.CpuQuota;
import io.deepedge.models.Device;
import io.deepedge.models.DeviceOverhead;
import io.deepedge.models.DeviceProfile;
import io.deepedge.models.Interference;
import io.deepedge.models.ServiceInstance;
import io.deepedge.models.ServiceTime;
import io.deepedge.models.TrainingMemory;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The simulator's prediction of a co-located design point, against what the quota model gives on paper. */
class ColocationPredictionTest {
    /** 1,000 samples/s measured at 0.5 CPU, with round overhead (which the probe must leave out) and x5 factors. */
    private static Device device() {
        return new Device("d", "", new DeviceProfile(1000, 8192, new Interference(5, 5), TrainingMemory.NONE,
                List.of(), new DeviceOverhead(200, 0), new CpuQuota(0.5, 100, 2)), Scenarios.LINK);
    }

    @Test
    void trainingAloneRunsAtItsProfiledThroughput() {
        ColocationPrediction p = ColocationPrediction.of(device(), List.of(), 100, 100, 1);
        // batches of 0.1 s back to back: 100 s hold 1,000 of them, give or take the one at the end and a period's
        // phase at the start (100 samples each over 100 s: 1 sample/s)
        assertEquals(1000, p.trainSamplesPerSec(), 2);
        assertEquals(Double.NaN, p.serviceMeanMs());
    }

    @Test
    void aServiceAlwaysBusyHalvesTrainingAndItsServiceTimesFillThePeriods() {
        // 10 ms of work per request at 1,000/s: always busy. Two threads share the 50 ms budget of each period:
        // training gets 25 ms, half its 0.5 CPU; the service 2.5 requests per 100 ms, and since it never idles its
        // service times add up to the elapsed time: 40 ms each on average
        var lc = new ServiceInstance("lc", "d", new Arrivals.Poisson(1000), new ServiceTime.Constant(10), 1e9, 0.99);
        ColocationPrediction p = ColocationPrediction.of(device(), List.of(lc), 100, 100, 1);
        assertEquals(500, p.trainSamplesPerSec(), 500 * 0.01);
        assertEquals(40, p.serviceMeanMs(), 40 * 0.01);
    }
}
