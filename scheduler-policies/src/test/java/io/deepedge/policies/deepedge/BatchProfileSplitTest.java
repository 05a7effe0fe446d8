package io.deepedge.policies.deepedge;

import io.deepedge.models.Arrivals;
import io.deepedge.models.Assignment;
import io.deepedge.models.BatchPoint;
import io.deepedge.models.Device;
import io.deepedge.models.DeviceProfile;
import io.deepedge.models.Interference;
import io.deepedge.models.Link;
import io.deepedge.models.ServiceInstance;
import io.deepedge.models.ServiceTime;
import io.deepedge.models.Topology;
import io.deepedge.models.TrainingJob;
import io.deepedge.models.TrainingMemory;
import io.deepedge.models.forecast.ForecastSpec;
import io.deepedge.policies.Decision;
import io.deepedge.policies.DeviceState;
import io.deepedge.policies.PlanningRequest;
import io.deepedge.policies.PolicyRegistry;
import io.deepedge.policies.SchedulingPolicy;
import io.deepedge.policies.ServiceLoad;
import io.deepedge.policies.Trigger;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 8, defect 4: batch profiles and the integer split. A profile whose throughput rises faster than the
 * batch is refused where it is built; every profile that is accepted, including batch ranges of equal
 * iteration time, gives plans of exactly the job's samples.
 */
class BatchProfileSplitTest {
    private static final Link LINK = new Link(1000, 1);

    @Test
    void refusesAProfileWhoseThroughputRisesFasterThanTheBatch() {
        // the profile: 64 samples in 0.064 s, 8 samples in 0.8 s
        List<BatchPoint> points = List.of(new BatchPoint(8, 10, 1, 100), new BatchPoint(64, 1000, 1, 200));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new DeviceProfile(1000, 8192, Interference.NONE, TrainingMemory.NONE, points));
        assertTrue(e.getMessage().contains("throughput rises faster than the batch") && e.getMessage().contains(
                "at most 80 samples/s at batch 64"), e.getMessage());
    }

    @Test
    void splitsExactlyOverABatchRangeOfEqualIterationTime() {
        // 8 and 64 samples both take 0.8 s an iteration: any share between 8 and 64 a batch finishes together
        List<BatchPoint> points = List.of(new BatchPoint(8, 10, 1, 100), new BatchPoint(64, 80, 1, 200));
        DeviceState flat = state("flat", new DeviceProfile(80, 8192, Interference.NONE, TrainingMemory.NONE, points));
        DeviceState plain = state("plain", new DeviceProfile(50, 8192, Interference.NONE));
        TrainingJob job = new TrainingJob("t", 10_000, 1, 64, 0, 0, Topology.RING_ALLREDUCE, 0, 0);
        PlanningRequest r = request(List.of(flat, plain), List.of(), job);
        for (String id : List.of("deep-edge", "optimal")) {
            Decision.Assign a = assertInstanceOf(Decision.Assign.class, PolicyRegistry.get(id).decide(r), id);
            assertEquals(10_000, a.plan().totalSamples(), id + " " + a.plan());
        }
    }

    /**
     * Random profiles (batch-independent, rising, flat and too-steep segments, memory limits, loaded services,
     * small and large jobs): every profile the model accepts gives every policy a decision, and every plan holds
     * exactly the job's samples; the generator does produce refused profiles, so the filter is exercised.
     */
    @Test
    void acceptedRandomProfilesNeverCrashAndPlanExactlyTheSamples() {
        int refused = 0;
        int plans = 0;
        List<SchedulingPolicy> policies = PolicyRegistry.all();
        for (long seed = 1; seed <= 400; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            List<DeviceState> devices = new ArrayList<>();
            List<ServiceLoad> services = new ArrayList<>();
            int n = 1 + random.nextInt(6);
            for (int i = 0; i < n; i++) {
                Optional<DeviceProfile> profile = randomProfile(random);
                if (profile.isEmpty()) {
                    refused++;
                    continue;
                }
                String name = "d" + i;
                devices.add(state(name, profile.get()));
                if (random.nextBoolean()) {
                    services.add(load(random, name));
                }
            }
            if (devices.isEmpty()) {
                continue;
            }
            long samples = 1 + random.nextInt(random.nextBoolean() ? 200 : 100_000);
            int batch = 1 + random.nextInt((int) Math.min(samples, 512));
            TrainingJob job = new TrainingJob("t", samples, 1 + random.nextInt(2), batch, random.nextBoolean() ? 0
                    : random.nextInt(20_000_000), 0, Topology.RING_ALLREDUCE, 0, 0);
            PlanningRequest request = request(devices, services, job);
            for (SchedulingPolicy policy : policies) {
                Decision d = policy.decide(request);
                if (d instanceof Decision.Assign a) {
                    plans++;
                    assertEquals(samples, a.plan().totalSamples(), policy.id() + " seed " + seed + " " + a.plan());
                    for (Assignment x : a.plan().assignments()) {
                        assertTrue(x.samples() > 0, policy.id() + " seed " + seed);
                    }
                }
            }
        }
        assertTrue(refused > 50, "refused " + refused);
        assertTrue(plans > 1500, "plans " + plans);
    }

    /** A random profile, or empty when the model refuses it. */
    private static Optional<DeviceProfile> randomProfile(SplittableRandom random) {
        double rate = 0.5 + random.nextDouble() * 2000;
        double memoryMiB = 1024 + random.nextInt(16_000);
        Interference interference = new Interference(1 + random.nextDouble() * 2, 1 + random.nextDouble());
        TrainingMemory memory = random.nextBoolean() ? TrainingMemory.NONE
                : new TrainingMemory(200, random.nextDouble() * 50);
        if (random.nextInt(4) == 0) {
            return Optional.of(new DeviceProfile(rate, memoryMiB, interference, memory, List.of()));
        }
        TreeSet<Integer> batches = new TreeSet<>();
        int count = 1 + random.nextInt(5);
        while (batches.size() < count) {
            batches.add(1 + random.nextInt(random.nextBoolean() ? 16 : 512));
        }
        List<BatchPoint> points = new ArrayList<>();
        double throughput = rate;
        int previous = -1;
        for (int b : batches) {
            if (previous > 0) {
                double proportional = throughput * b / previous;
                throughput = switch (random.nextInt(4)) {
                    case 0 -> proportional;                                   // equal iteration time
                    case 1 -> proportional * (1 + random.nextDouble() * 10);  // too steep: refused
                    default -> throughput + random.nextDouble() * (proportional - throughput);
                };
            }
            points.add(new BatchPoint(b, throughput, 1 + random.nextDouble() * 3, random.nextDouble() * 4000));
            previous = b;
        }
        try {
            return Optional.of(new DeviceProfile(rate, memoryMiB, interference, memory, points));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static ServiceLoad load(SplittableRandom random, String device) {
        double meanMs = 5 + random.nextDouble() * 50;
        double rate = random.nextDouble() * 0.7 * 1000 / meanMs;
        ServiceInstance s = new ServiceInstance("svc", device, new Arrivals.Poisson(rate),
                new ServiceTime.Exponential(meanMs), meanMs * (3 + random.nextDouble() * 30), 0.99);
        return new ServiceLoad(s, rate);
    }

    private static DeviceState state(String name, DeviceProfile profile) {
        return new DeviceState(new Device(name, "", profile, LINK), true);
    }

    private static PlanningRequest request(List<DeviceState> devices, List<ServiceLoad> services, TrainingJob job) {
        return new PlanningRequest(0, devices, services, job, LINK, Trigger.JOB_SUBMITTED, 1, ForecastSpec.DEFAULT);
    }
}
