package io.deepedge.policies;

import io.deepedge.models.Assignment;
import io.deepedge.models.Device;
import io.deepedge.models.DeviceProfile;
import io.deepedge.models.Interference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The contract every policy's test inherits, checked on generated clusters and jobs: shares are positive
 * integers summing to the samples, only available devices whose memory fits are used, the decision is a
 * pure function of the request, and the policy postpones exactly when no device can be used.
 */
public abstract class PolicyContract {
    /** The policy under test. */
    protected abstract SchedulingPolicy policy();

    /** Largest generated cluster; policies with exponential search override it. */
    protected int maxDevices() {
        return 14;
    }

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 150);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void planHonoursTheContractOnGeneratedClusters(long seed) {
        PlanningRequest request = Clusters.generate(seed, maxDevices(), seed % 2 == 0, seed % 3 == 0);
        PlanningRequest copy = Clusters.generate(seed, maxDevices(), seed % 2 == 0, seed % 3 == 0);
        Decision decision = policy().decide(request);
        assertEquals(copy, request, "the request is not mutated");
        assertEquals(decision, policy().decide(request), "the same request gives the same decision");
        if (decision instanceof Decision.Assign assign) {
            checkPlan(request, assign);
        } else {
            assertTrue(request.availableDevices().isEmpty() || mayPostpone(request),
                    "postponed although a device could train: " + decision);
        }
    }

    /**
     * Whether postponing is allowed: only when no available device could train the whole global batch
     * alone within its memory (policies with further eligibility rules override this).
     */
    protected boolean mayPostpone(PlanningRequest request) {
        Map<String, Double> serviceMemory = MemoryFit.serviceMemoryMiB(request);
        return request.availableDevices().stream()
                .noneMatch(d -> MemoryFit.fitsAlone(request, d, serviceMemory.getOrDefault(d.name(), 0.0)));
    }

    private void checkPlan(PlanningRequest request, Decision.Assign assign) {
        assertEquals(request.job().samples(), assign.plan().totalSamples(), "shares sum to the samples");
        Map<String, Double> serviceMemory = MemoryFit.serviceMemoryMiB(request);
        List<String> seen = new ArrayList<>();
        for (Assignment a : assign.plan().assignments()) {
            assertTrue(a.samples() > 0);
            DeviceState d = request.devices().stream().filter(x -> x.name().equals(a.device())).findFirst().orElseThrow();
            assertTrue(d.available(), "only available devices: " + a.device());
            assertNull(MemoryFit.check(request, d, a.samples(), serviceMemory.getOrDefault(d.name(), 0.0)),
                    "memory respected on " + a.device());
            seen.add(a.device());
        }
        checkEligible(request, assign);
        for (Decision.Rejection rejection : assign.rejections()) {
            assertTrue(!seen.contains(rejection.device()) && !rejection.reason().isBlank(), rejection.toString());
        }
        assertEquals(request.devices().size(), seen.size() + assign.rejections().size(),
                "every device is either planned or rejected with a reason");
    }

    /** Policy-specific eligibility of the planned devices (SLOs for interference-aware policies). */
    protected void checkEligible(PlanningRequest request, Decision.Assign assign) {
    }

    @Test
    void postponesWhenNoDeviceIsAvailable() {
        PlanningRequest r = Clusters.generate(7, maxDevices(), true, false);
        List<DeviceState> down = r.devices().stream().map(d -> new DeviceState(d.device(), false)).toList();
        PlanningRequest none = new PlanningRequest(0, down, r.services(), r.job(), r.serverLink(), r.trigger(),
                r.seed(), r.forecast());
        assertInstanceOf(Decision.Postpone.class, policy().decide(none));
    }

    @Test
    void plansWhenAnUnloadedDeviceIsAvailable() {
        PlanningRequest r = Clusters.generate(11, maxDevices(), true, false);
        Device free = new Device("zz-free", "", new DeviceProfile(100, 1e6, Interference.NONE), Clusters.UNIFORM);
        List<DeviceState> devices = new ArrayList<>(r.devices());
        devices.add(new DeviceState(free, true));
        PlanningRequest withFree = new PlanningRequest(0, devices, r.services(), r.job(), r.serverLink(), r.trigger(),
                r.seed(), r.forecast());
        assertInstanceOf(Decision.Assign.class, policy().decide(withFree));
    }
}
