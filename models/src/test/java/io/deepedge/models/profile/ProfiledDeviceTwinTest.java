package io.deepedge.models.profile;

import io.deepedge.models.DeviceProfile;
import io.deepedge.models.GcPauses;
import io.deepedge.models.TrainingMemory;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What the twin takes from a profiled device under a CPU quota with collector pauses: the measured figures hold the
 * pauses' CPU (training alone in wall time, the agent's CPU per request), and the twin simulates the pauses itself,
 * so it takes their share out once.
 */
class ProfiledDeviceTwinTest {
    private static final ErrorSummary NONE = new ErrorSummary(0, 0, 0);

    /**
     * 0.5 CPU: training's one thread averages 0.5 cores, so 1,000 samples/s measured is 0.5 ms of CPU per sample; the
     * service's capacity 30 ms at 0.5 CPU is 15 ms of CPU per request over a 10 ms worker's CPU: 1.5 cores.
     */
    private static ProfiledDevice device(GcPauses pauses, boolean quota) {
        ProfiledDevice d = new ProfiledDevice("d", 0.5, 4096, 0, 0, 0, List.of(32, 64),
                new InterferenceModel(0, 0.001, 2, 0, 0, 2), new HeldOutErrors(NONE, NONE, NONE),
                List.of(new ServiceProfile("lc", "spin:10", 12, 0.5, 100, 30, 10, 0)), List.of());
        return (quota ? d.underCpuQuota(100, 2) : d).withGcPauses(pauses);
    }

    @Test
    void thePausesShareOfTrainingAndOfEachRequestIsTakenOutOnce() {
        // the collector and its cleanup take 0.12 + 0.08 = 0.2 ms of each sample's 0.5 ms, leaving 0.3 ms:
        // 0.5 / 0.0003 = 1,666.67 samples/s; and 0.6 + 0.4 = 1 ms of each request's 15 ms: 14 / 10 = 1.4 cores
        ProfiledDevice d = device(new GcPauses(0.01, 0.002, 0.6, 0.12, 0.4, 0.08), true);
        DeviceProfile p = d.deviceProfile(0, TrainingMemory.NONE);
        assertEquals(0.5 / 0.0003, p.trainSamplesPerSecAt(32), 1e-6);
        assertEquals(0.5 / 0.0003, p.trainSamplesPerSecAt(64), 1e-6);
        assertEquals(1.4, d.twinCoresWhileServing(d.services().get(0)), 1e-12);
    }

    @Test
    void withoutPausesOrWithoutAQuotaTheMeasuredFiguresStand() {
        ProfiledDevice none = device(GcPauses.NONE, true);
        assertEquals(1000, none.deviceProfile(0, TrainingMemory.NONE).trainSamplesPerSecAt(32), 1e-9);
        assertEquals(1.5, none.twinCoresWhileServing(none.services().get(0)), 1e-12);
        ProfiledDevice noQuota = device(new GcPauses(0.01, 0.002, 0.6, 0.12, 0.4, 0.08), false);
        assertEquals(1000, noQuota.deviceProfile(0, TrainingMemory.NONE).trainSamplesPerSecAt(32), 1e-9);
        assertEquals(1.0, noQuota.twinCoresWhileServing(noQuota.services().get(0)), 1e-12);
    }

    /**
     * An iteration of 16 ms + 0.5 ms a sample at 0.5 CPU: 400 samples/s at batch 8 (1.25 ms of CPU a sample), 666.67
     * at 16 (0.75 ms). The pauses' 0.3 ms a sample come off both: 0.95 ms, 526.3 samples/s at 8 (an iteration of
     * 15.2 ms), and 0.45 ms, 1,111 at 16 (14.4 ms): shorter than batch 8's. Batch 16 keeps batch 8's iteration
     * instead, twice its throughput.
     */
    @Test
    void pausesNeverMakeALargerBatchIterateFasterThanASmallerOne() {
        ProfiledDevice d = new ProfiledDevice("d", 0.5, 4096, 0, 0, 0, List.of(8, 16),
                new InterferenceModel(0.016, 0.0005, 2, 0, 0, 2), new HeldOutErrors(NONE, NONE, NONE),
                List.of(new ServiceProfile("lc", "spin:10", 12, 0.5, 100, 30, 10, 0)), List.of())
                .underCpuQuota(100, 2).withGcPauses(new GcPauses(0, 0.01, 0, 0.2, 0, 0.1));
        DeviceProfile p = d.deviceProfile(0, TrainingMemory.NONE);
        assertEquals(0.5 / 0.00095, p.trainSamplesPerSecAt(8), 1e-6);
        assertEquals(2 * 0.5 / 0.00095, p.trainSamplesPerSecAt(16), 1e-6);
        assertEquals(2 * 0.5 / 0.00095, p.trainSamplesPerSec(), 1e-6);
    }

    @Test
    void pausesThatWouldTakeMoreThanHalfOfTrainingsCpuTakeHalf() {
        // 0.6 + 0.4 = 1 ms per sample, more than the 0.5 ms measured: half of it stays, 0.25 ms: 2,000 samples/s
        ProfiledDevice d = device(new GcPauses(0, 0.01, 0, 0.6, 0, 0.4), true);
        assertEquals(2000, d.deviceProfile(0, TrainingMemory.NONE).trainSamplesPerSecAt(32), 1e-6);
    }
}
