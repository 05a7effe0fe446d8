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

    /** Monitoring settings a config can give, drawn from for generated requests. */
    private static final List<ForecastSpec> MONITORING = List.of(ForecastSpec.DEFAULT,
            new ForecastSpec(5, "holt-winters", 0.5, 0.1, 0.3, 24, 0.25),
            new ForecastSpec(10, "holt-winters", 0.5, 0.1, 0.3, 12, 0.25, 0.9, 0.001),
            new ForecastSpec(5, "ewma", 0.3, 0.1, 0.3, 24, 0.25),
            new ForecastSpec(60, "last-value", 0.5, 0.1, 0.3, 24, 0.25));

    /**
     * A random planning request as the simulator makes them; {@code uniformLinks} gives every device and the
     * server the same link. Each service carries a monitored history (Poisson counts per interval of a constant,
     * ramping, stepped or seasonal load, up to 60 intervals), its last interval as the current rate, the
     * monitoring settings of one of several configs, and the request's clock at the end of that history.
     */
    public static PlanningRequest generate(long seed, int maxDevices, boolean uniformLinks, boolean batchProfiles) {
        SplittableRandom histories = new SplittableRandom(seed ^ 0x5DEECE66DL);
        ForecastSpec monitoring = MONITORING.get(histories.nextInt(MONITORING.size()));
        int intervals = histories.nextInt(6) == 0 ? 0 : 1 + histories.nextInt(60);
        PlanningRequest r = generateCluster(seed, maxDevices, uniformLinks, batchProfiles);
        List<ServiceLoad> monitored = r.services().stream()
                .map(s -> monitored(s.instance(), intervals, monitoring.intervalSec(), histories)).toList();
        Trigger trigger = intervals == 0 ? Trigger.JOB_SUBMITTED : Trigger.values()[histories.nextInt(Trigger.values().length)];
        // half the jobs are long enough to span many monitoring intervals, where forecasts matter
        TrainingJob j = r.job();
        long samples = histories.nextBoolean() ? j.samples() * (10 + histories.nextInt(90)) : j.samples();
        TrainingJob job = new TrainingJob(j.model(), samples, j.epochs(), j.batchSize(), j.parameterBytes(),
                j.sampleBytes(), j.topology(), j.checkpointEverySec(), j.submitAtSec());
        return new PlanningRequest(intervals * monitoring.intervalSec(), r.devices(), monitored, job, r.serverLink(),
                trigger, seed, monitoring);
    }

    /** The load a monitor reports after {@code intervals} intervals ending at the instance's configured rate. */
    private static ServiceLoad monitored(ServiceInstance instance, int intervals, double intervalSec, SplittableRandom r) {
        double rate = instance.arrivals().meanRatePerSec();
        if (intervals == 0) {
            return new ServiceLoad(instance, rate, List.of(), intervalSec);
        }
        int shape = r.nextInt(4);
        // from a quarter of the final rate (rising) to twice it (falling), linearly over the history
        double slope = r.nextBoolean() ? r.nextDouble(0, 0.75) : r.nextDouble(-1, 0);
        double before = rate * r.nextDouble(0.3, 2);
        int stepAt = r.nextInt(intervals);
        List<Double> history = new ArrayList<>();
        for (int t = 0; t < intervals; t++) {
            double mean = switch (shape) {
                case 0 -> rate;
                case 1 -> rate * (1 + slope * (t - intervals + 1) / intervals);
                case 2 -> t < stepAt ? before : rate;
                default -> rate * (1 + 0.3 * Math.sin(2 * Math.PI * t / 12));
            };
            history.add(poisson(r, Math.max(0, mean) * intervalSec) / intervalSec);
        }
        return new ServiceLoad(instance, history.get(intervals - 1), history, intervalSec);
    }

    /** A Poisson count: inversion up to a mean of 500, a rounded normal above (the contract needs counts, not tails). */
    private static long poisson(SplittableRandom r, double mean) {
        if (mean > 500) {
            return Math.max(0, Math.round(mean + Math.sqrt(mean) * r.nextGaussian()));
        }
        double u = r.nextDouble();
        double p = Math.exp(-mean);
        double cumulative = p;
        long k = 0;
        while (u > cumulative && p > 0) {
            k++;
            p *= mean / k;
            cumulative += p;
        }
        return k;
    }

    /** The cluster and job of a generated request, with loads known only by their configured rates. */
    static PlanningRequest generateCluster(long seed, int maxDevices, boolean uniformLinks, boolean batchProfiles) {
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
