package io.deepedge.sim;

import io.deepedge.models.Arrivals;
import io.deepedge.models.Assignment;
import io.deepedge.models.Device;
import io.deepedge.models.DeviceProfile;
import io.deepedge.models.Interference;
import io.deepedge.models.Link;
import io.deepedge.models.Plan;
import io.deepedge.models.Scenario;
import io.deepedge.models.ServiceInstance;
import io.deepedge.models.ServiceTime;
import io.deepedge.models.Shares;
import io.deepedge.models.Topology;
import io.deepedge.models.TrainingJob;
import io.deepedge.models.metrics.MetricsWindow;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Seeded random clusters of 2-16 Jetson-like devices with LC services, a synchronous job and a plan over
 * every device, for checking the cost model against the simulator.
 */
final class GeneratedClusters {
    /** A generated case: the scenario and the plan run on it. */
    record Case(int index, Scenario scenario, Plan plan) {
        TrainingJob job() {
            return scenario.job().orElseThrow();
        }
    }

    private GeneratedClusters() {
    }

    /** Cluster {@code index} with {@code 2 + index % 15} devices. */
    static Case generate(int index) {
        SplittableRandom r = new SplittableRandom(1000L + index);
        int n = 2 + index % 15;
        Link server = new Link(1000, 1);
        List<Device> devices = new ArrayList<>();
        List<ServiceInstance> services = new ArrayList<>();
        for (int j = 0; j < n; j++) {
            String name = String.format("d%02d", j);
            Interference interference = new Interference(1 + r.nextDouble(), 1 + 2 * r.nextDouble());
            DeviceProfile profile = new DeviceProfile(5 + 315 * r.nextDouble(), 8192, interference);
            devices.add(new Device(name, "", profile, new Link(100 + r.nextInt(901), 0.5 + 4.5 * r.nextDouble())));
            int count = r.nextDouble() < 0.85 ? (r.nextDouble() < 0.3 ? 2 : 1) : 0;
            for (int s = 0; s < count; s++) {
                double meanMs = 2 + 38 * r.nextDouble();
                ServiceTime st = switch (r.nextInt(3)) {
                    case 0 -> new ServiceTime.Exponential(meanMs);
                    case 1 -> new ServiceTime.Constant(meanMs);
                    default -> new ServiceTime.Lognormal(meanMs, 0.3 + 1.2 * r.nextDouble());
                };
                double utilisation = 0.05 + 0.40 * r.nextDouble();
                services.add(new ServiceInstance("s" + s, name, new Arrivals.Poisson(utilisation * 1000 / meanMs), st,
                        1000, 0.99));
            }
        }
        int[] batches = {32, 64, 128, 256, 512};
        int batch = batches[r.nextInt(batches.length)];
        long iterations = 40 + r.nextInt(81);
        long samples = iterations * batch - r.nextInt(batch);
        long[] parameterBytes = {0, 250_000, 1_000_000, 4_000_000};
        long sampleBytes = r.nextBoolean() ? 0 : 784;
        Topology topology = r.nextBoolean() ? Topology.RING_ALLREDUCE : Topology.PARAMETER_SERVER;
        int epochs = 1 + r.nextInt(2);
        double[] weights = new double[n];
        for (int j = 0; j < n; j++) {
            Device d = devices.get(j);
            weights[j] = switch (index % 3) {
                case 0 -> d.profile().trainSamplesPerSec() * busyFactor(d, services);
                case 1 -> d.profile().trainSamplesPerSec();
                default -> 1;
            };
        }
        long[] shares = Shares.largestRemainder(samples, weights);
        List<Assignment> assignments = new ArrayList<>();
        for (int j = 0; j < n; j++) {
            if (shares[j] > 0) {
                assignments.add(new Assignment(devices.get(j).name(), shares[j]));
            }
        }
        // a checkpoint roughly every fifth of the job when enabled (rough size: every device's share at its rate)
        double roughSec = 0;
        for (int j = 0; j < n; j++) {
            roughSec = Math.max(roughSec, (double) shares[j] * epochs / devices.get(j).profile().trainSamplesPerSec());
        }
        double checkpointEverySec = r.nextBoolean() ? 0 : Math.max(0.5, Math.round(roughSec / 5 * 10) / 10.0);
        TrainingJob job = new TrainingJob("gen", samples, epochs, batch, parameterBytes[r.nextInt(4)], sampleBytes,
                topology, checkpointEverySec, 0);
        // only the re-training time is compared: an LC metrics window that closes at once lets each run end with
        // its job instead of simulating the services up to the horizon
        Scenario scenario = new Scenario("gen-" + index, 1e6, devices, services, Optional.of(job), List.of(), server)
                .withMetrics(new MetricsWindow(0, 1));
        return new Case(index, scenario, new Plan(assignments));
    }

    /** Mean training speed under LC load, {@code 1 - u (1 - 1/trainingSlowdown)}: the split deep-edge aims at. */
    private static double busyFactor(Device d, List<ServiceInstance> services) {
        double idle = 1;
        for (ServiceInstance s : services) {
            if (s.device().equals(d.name())) {
                double rho = s.arrivals().meanRatePerSec() * s.serviceTime().meanMs() / 1000
                        * d.profile().interference().serviceSlowdown();
                idle *= 1 - Math.min(1, rho);
            }
        }
        return 1 - (1 - idle) * (1 - 1 / d.profile().interference().trainingSlowdown());
    }
}
