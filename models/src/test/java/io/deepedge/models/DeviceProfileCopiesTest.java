package io.deepedge.models;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Copies of a profile change one component and keep every other (a copy made with a constructor had dropped the
 * collector pauses), and the device's own work per round is a wait or work by whether its CPU quota is modelled.
 */
class DeviceProfileCopiesTest {
    private static final DeviceOverhead OVERHEAD = new DeviceOverhead(40, 0.5);
    private static final CpuQuota QUOTA = new CpuQuota(0.3, 100, 2);
    private static final GcPauses PAUSES = new GcPauses(0.01, 0.02, 0.1, 0.05, 0.08, 0.03);
    private static final TrainingMemory MEMORY = new TrainingMemory(100, 2);
    private static final List<BatchPoint> POINTS = List.of(new BatchPoint(8, 70, 1.5, 116),
            new BatchPoint(16, 80, 1.6, 132));

    private static DeviceProfile profile(CpuQuota quota) {
        return new DeviceProfile(80, 1024, new Interference(1.6, 1.2), MEMORY, POINTS, OVERHEAD, quota, PAUSES);
    }

    @Test
    void eachCopyChangesOneComponentAndKeepsTheRest() {
        DeviceProfile p = profile(QUOTA);
        List<BatchPoint> other = List.of(new BatchPoint(8, 60, 1.5, 116));
        assertEquals(new DeviceProfile(60, 1024, p.interference(), MEMORY, other, OVERHEAD, QUOTA, PAUSES),
                p.withThroughput(60, other));
        assertEquals(new DeviceProfile(80, 512, p.interference(), MEMORY, POINTS, OVERHEAD, QUOTA, PAUSES),
                p.withMemoryMiB(512));
        Interference none = Interference.NONE;
        assertEquals(new DeviceProfile(80, 1024, none, MEMORY, POINTS, OVERHEAD, QUOTA, PAUSES),
                p.withInterference(none));
        assertEquals(new DeviceProfile(80, 1024, p.interference(), MEMORY, POINTS, DeviceOverhead.NONE, QUOTA, PAUSES),
                p.withOverhead(DeviceOverhead.NONE));
    }

    @Test
    void theRoundsOwnWorkIsAWaitWithoutAModelledQuotaAndWorkWithOne() {
        // 40 ms per round: all of it waited for in the synchronisation, or all of it done beside the batch
        assertEquals(0.040, profile(CpuQuota.NONE).roundWaitSec(), 1e-15);
        assertEquals(0.0, profile(CpuQuota.NONE).roundWorkSec());
        assertEquals(0.0, profile(QUOTA).roundWaitSec());
        assertEquals(0.040, profile(QUOTA).roundWorkSec(), 1e-15);
    }
}
