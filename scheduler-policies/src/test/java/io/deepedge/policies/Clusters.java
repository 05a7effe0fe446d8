package io.deepedge.policies;

import io.deepedge.models.Arrivals;
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

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Generated clusters and jobs for property tests: heterogeneous, loaded, sometimes failed, seeded. */
public final class Clusters {
    public static final Link UNIFORM = new Link(1000, 1);

    private Clusters() {
    }

    /** A random planning request; {@code uniformLinks} gives every device and the server the same link. */
    public static PlanningRequest generate(long seed, int maxDevices, boolean uniformLinks, boolean batchProfiles) {
        SplittableRandom r = new SplittableRandom(seed);
        int n = 1 + r.nextInt(maxDevices);
        List<DeviceState> devices = new ArrayList<>();
        List<ServiceLoad> services = new ArrayList<>();
        TrainingMemory memoryModel = r.nextBoolean() ? TrainingMemory.NONE : new TrainingMemory(500, 20 + r.nextInt(60));
        for (int i = 0; i < n; i++) {
            String name = String.format("d%02d", i);
            double rate = 5 + r.nextDouble() * 300;
            Interference interference = new Interference(1 + r.nextDouble() * 2, 1 + r.nextDouble());
            List<BatchPoint> batches = batchProfiles && r.nextBoolean() ? batches(r, rate, interference) : List.of();
            DeviceProfile profile = new DeviceProfile(rate, 2048 + r.nextInt(30_000), interference, memoryModel, batches);
            Link link = uniformLinks ? UNIFORM : new Link(50 + r.nextInt(1000), r.nextDouble() * 5);
            devices.add(new DeviceState(new Device(name, "", profile, link), r.nextInt(10) != 0));
            if (r.nextInt(3) != 0) {
                services.add(service(r, name));
            }
        }
        long samples = 1000 + r.nextInt(50_000);
        int batch = 8 + r.nextInt(256);
        long parameterBytes = r.nextBoolean() ? 0 : r.nextInt(50_000_000);
        Topology topology = r.nextBoolean() ? Topology.PARAMETER_SERVER : Topology.RING_ALLREDUCE;
        TrainingJob job = new TrainingJob("gen", samples, 1 + r.nextInt(3), batch, parameterBytes,
                r.nextBoolean() ? 0 : 1000 + r.nextInt(100_000), topology, r.nextBoolean() ? 0 : 30, 0);
        return new PlanningRequest(0, devices, services, job, uniformLinks ? UNIFORM : new Link(1000, 1),
                Trigger.JOB_SUBMITTED, seed, ForecastSpec.DEFAULT);
    }

    private static List<BatchPoint> batches(SplittableRandom r, double rate, Interference interference) {
        List<BatchPoint> points = new ArrayList<>();
        double memory = 400;
        for (int b = 8; b <= 256; b *= 2) {
            double throughput = rate * b / (b + 16.0);
            double slowdown = interference.serviceSlowdown() * (1 + b / 256.0);
            memory += 50 + r.nextInt(300);
            points.add(new BatchPoint(b, throughput, slowdown, memory));
        }
        return points;
    }

    private static ServiceLoad service(SplittableRandom r, String device) {
        double meanMs = 5 + r.nextDouble() * 60;
        ServiceTime st = switch (r.nextInt(3)) {
            case 0 -> new ServiceTime.Exponential(meanMs);
            case 1 -> new ServiceTime.Constant(meanMs);
            default -> new ServiceTime.Lognormal(meanMs, 0.2 + r.nextDouble());
        };
        double rate = r.nextDouble() * 0.6 * 1000 / meanMs;
        double deadline = meanMs * (2 + r.nextDouble() * 20);
        ServiceInstance instance = new ServiceInstance("svc", device, new Arrivals.Poisson(rate), st, deadline,
                0.9 + r.nextDouble() * 0.099, r.nextInt(4) == 0 ? r.nextInt(1500) : 0);
        return new ServiceLoad(instance, rate);
    }
}
