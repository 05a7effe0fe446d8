package io.deepedge.hw.profile;

import io.deepedge.hw.cluster.AgentCluster;
import io.deepedge.hw.data.ImageShard;
import io.deepedge.hw.data.LabelledImages;
import io.deepedge.hw.device.ServiceModels;
import io.deepedge.hw.rpc.AgentClient;
import io.deepedge.hw.rpc.CallDeadlines;
import io.deepedge.hw.rpc.InferClient;
import io.deepedge.hw.rpc.RemoteCallException;
import io.deepedge.hw.rpc.RpcLimits;
import io.deepedge.hw.rpc.ServiceSpec;
import io.deepedge.hw.rpc.ShardSpec;
import io.deepedge.hw.rpc.v1.CalibrateServicesReply;
import io.deepedge.hw.rpc.v1.CalibrateServicesRequest;
import io.deepedge.hw.train.NetworkSpec;
import io.deepedge.hw.train.NetworkSpecs;
import io.deepedge.models.profile.DesignPlan;
import io.deepedge.models.profile.DesignPoint;
import io.deepedge.models.profile.HeldOutErrors;
import io.deepedge.models.profile.InterferenceFit;
import io.deepedge.models.profile.InterferenceModel;
import io.deepedge.models.profile.Measurement;
import io.deepedge.models.profile.ProfiledDevice;
import io.deepedge.models.profile.ServiceProfile;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a profiling design on ONE agent (the caller profiles the devices one after another: they share the
 * machine's cores) and fits its model: the client hop with a near-zero service, a rough standalone service time
 * (to place the design's rates on the utilisation range), then at every design point one open-loop
 * {@code CalibrateServices} call (protocol 1.2: the services alone at the point's rate, training alone at its
 * batch, both together), all inside the agent's CPU quota.
 */
public final class DeviceProfiler {
    /** The near-zero service of the hop measurement (a busy-spin of this many ms). */
    static final double HOP_SPIN_MS = 0.01;
    static final int HOP_REQUESTS = 40;
    static final int PROBE_REQUESTS = 20;
    static final int WARMUP_REQUESTS = 10;
    /** The utilisation of the untimed warm-up pass. */
    static final double WARM_UTILISATION = 0.2;
    private static final Duration CALL_DEADLINE = Duration.ofSeconds(30);

    /**
     * How to profile.
     *
     * @param method {@link DesignPlan#LATIN_HYPERCUBE} or {@link DesignPlan#FACTORIAL}
     * @param points design points (Latin hypercube) or rate levels x batch levels (factorial: 3 x 3 = 9 when 9)
     * @param heldOut points kept out of the fit
     * @param seed the design's and the arrivals' seed
     * @param measureSec the length of each condition at each point (longer while training needs gradients)
     * @param minUtilisation the design's lowest standalone LC utilisation (rate x service time)
     * @param maxUtilisation its highest
     * @param minBatch the smallest local batch
     * @param maxBatch the largest local batch (the job's global batch)
     */
    public record Settings(String method, int points, int heldOut, long seed, double measureSec,
                           double minUtilisation, double maxUtilisation, int minBatch, int maxBatch) {
    }

    /** A service the device hosts while profiled, and its share of the design rate. */
    public record HostedService(String name, String modelId, double deadlineMs, double share) {
    }

    private DeviceProfiler() {
    }

    /**
     * @param images the job's original training images (the shard is their first {@code 2 x maxBatch})
     * @param params the base model's parameters, at which gradients are taken
     */
    public static ProfiledDevice profile(AgentCluster cluster, String device, double cpus, double memoryMiB,
                                         List<HostedService> services, NetworkSpec network, LabelledImages images,
                                         float[] params, Settings s, PrintWriter progress) throws IOException {
        try (AgentClient agent = cluster.client(device, CallDeadlines.defaults(), RpcLimits.DEFAULT_MAX_INBOUND_BYTES);
             InferClient infer = cluster.inferClient(device)) {
            agent.hello("deepedge-profile");
            TrainingPathProbe.Figures path = TrainingPathProbe.measure(agent, device, images, network, params,
                    s.minBatch());
            say(progress, String.format(Locale.ROOT, "profiling %s: round overhead %.1f ms, shard load %.3f ms per sample",
                    device, path.roundOverheadMs(), path.shardLoadMsPerSample()));
            LabelledImages shard = images.slice(0, Math.min(images.count(), 2 * s.maxBatch()));
            agent.loadShard(new ShardSpec("profile-" + device, ImageShard.FORMAT, shard.count(), network.describe(),
                    NetworkSpecs.configBytes(network)), ImageShard.encode(shard));
            agent.gradient(0, 1, params, 0, 1); // the agent keeps the base model's parameters for the timings
            try {
                return measureAndFit(agent, infer, device, cpus, memoryMiB, services, s, path, progress);
            } finally {
                agent.stopServices();
                agent.metrics(); // the profiling requests' window is not a run's
            }
        } catch (RemoteCallException e) {
            throw new IOException("profiling agent " + device + " failed: " + e.getMessage(), e);
        }
    }

    private static ProfiledDevice measureAndFit(AgentClient agent, InferClient infer, String device, double cpus,
                                                double memoryMiB, List<HostedService> services, Settings s,
                                                TrainingPathProbe.Figures path, PrintWriter progress) throws RemoteCallException, IOException {
        agent.startServices(List.of(new ServiceSpec("hop-probe", ServiceModels.SPIN_PREFIX + HOP_SPIN_MS, 0)));
        double hopMs = Math.max(0, median(roundTrips(infer, "hop-probe", HOP_REQUESTS)) - HOP_SPIN_MS);
        agent.startServices(services.stream().map(h -> new ServiceSpec(h.name(), h.modelId(), h.deadlineMs())).toList());
        // the services' standalone time, one request at a time (CalibrateServices 1.1), to place the design's rates
        CalibrateServicesReply probe = agent.calibrateServices(CalibrateServicesRequest.newBuilder()
                .setRequests(PROBE_REQUESTS).setWarmupRequests(WARMUP_REQUESTS).setDutyCycle(Math.min(0.5, cpus / 2))
                .setTrainingBatch(s.minBatch()).setTrainingAloneSec(0.1).build());
        double serviceMs = 0;
        for (HostedService h : services) {
            serviceMs += h.share() * probe.getServicesList().stream().filter(t -> t.getServiceId().equals(h.name()))
                    .findFirst().orElseThrow(() -> new IOException("the probe's reply lacks service " + h.name()))
                    .getAloneMeanMs();
        }
        // an untimed open-loop pass: the first open-loop phases of a fresh service and of training pay for JIT
        // compilation and allocation (measured up to 3x slower here); its warm service time places the rates
        Map<String, Double> share = new LinkedHashMap<>();
        services.forEach(h -> share.put(h.name(), h.share()));
        CalibrateServicesReply warm = agent.calibrateServices(request(new DesignPoint(s.maxBatch(),
                WARM_UTILISATION / serviceMs * 1000), share, s, -1));
        double warmMs = 0;
        for (HostedService h : services) {
            warmMs += h.share() * warm.getServicesList().stream().filter(t -> t.getServiceId().equals(h.name()))
                    .mapToDouble(t -> t.getAloneMeanMs()).findFirst().orElse(0);
        }
        serviceMs = warmMs > 0 ? warmMs : serviceMs;
        DesignPlan plan = plan(s, serviceMs);
        say(progress, String.format(Locale.ROOT, "profiling %s: hop %.2f ms, service ~%.2f ms, %s design of %d points"
                + " (batch %d..%d, rate %.3g..%.3g/s)", device, hopMs, serviceMs, plan.method(), plan.points().size(),
                s.minBatch(), s.maxBatch(), s.minUtilisation() / serviceMs * 1000, s.maxUtilisation() / serviceMs * 1000));
        List<ProfiledDevice.MeasuredPoint> design = new ArrayList<>();
        List<CalibrateServicesReply> replies = new ArrayList<>();
        for (int i = 0; i < plan.points().size(); i++) {
            DesignPoint p = plan.points().get(i);
            CalibrateServicesReply reply = agent.calibrateServices(request(p, share, s, i));
            replies.add(reply);
            Measurement m;
            try {
                m = ProfileMeasurements.measurement(p, reply, share);
            } catch (IllegalStateException e) {
                throw new IOException("profiling " + device + ": " + e.getMessage(), e);
            }
            design.add(new ProfiledDevice.MeasuredPoint(m, plan.heldOut().get(i)));
            say(progress, String.format(Locale.ROOT, "  %s %d/%d: batch %d, %.3g req/s: train %.1f -> %.1f samples/s,"
                    + " service %.2f -> %.2f ms%s", device, i + 1, plan.points().size(), p.batch(), p.ratePerSec(),
                    m.trainAloneSamplesPerSec(), m.trainColocatedSamplesPerSec(), m.serviceAloneMeanMs(),
                    m.serviceColocatedMeanMs(), plan.heldOut().get(i) ? " (held out)" : ""));
        }
        return fit(device, cpus, memoryMiB, hopMs, path, services, s, design, replies);
    }

    static DesignPlan plan(Settings s, double serviceMs) {
        double minRate = s.minUtilisation() / serviceMs * 1000;
        double maxRate = s.maxUtilisation() / serviceMs * 1000;
        if (s.method().equals(DesignPlan.FACTORIAL)) {
            int levels = Math.max(2, (int) Math.round(Math.sqrt(s.points())));
            List<Integer> batches = new ArrayList<>();
            List<Double> rates = new ArrayList<>();
            for (int i = 0; i < levels; i++) {
                double f = (double) i / (levels - 1);
                batches.add((int) Math.round(s.minBatch() * Math.pow((double) s.maxBatch() / s.minBatch(), f)));
                rates.add(minRate + f * (maxRate - minRate));
            }
            return DesignPlan.factorial(batches, rates, s.heldOut(), s.seed());
        }
        return DesignPlan.latinHypercube(s.points(), s.minBatch(), s.maxBatch(), minRate, maxRate, s.heldOut(), s.seed());
    }

    private static CalibrateServicesRequest request(DesignPoint p, Map<String, Double> share, Settings s, int index) {
        CalibrateServicesRequest.Builder b = CalibrateServicesRequest.newBuilder().setRequests(1)
                .setWarmupRequests(WARMUP_REQUESTS).setDutyCycle(0.5).setTrainingBatch(p.batch())
                .setTrainingAloneSec(s.measureSec()).setMeasureSec(s.measureSec())
                .setArrivalSeed(s.seed() * 31 + index);
        share.forEach((id, f) -> b.putLcRatePerSec(id, p.ratePerSec() * f));
        return b.build();
    }

    private static ProfiledDevice fit(String device, double cpus, double memoryMiB, double hopMs,
                                      TrainingPathProbe.Figures path,
                                      List<HostedService> services, Settings s,
                                      List<ProfiledDevice.MeasuredPoint> design, List<CalibrateServicesReply> replies)
            throws IOException {
        List<Measurement> fitted = design.stream().filter(p -> !p.heldOut()).map(ProfiledDevice.MeasuredPoint::measurement)
                .toList();
        List<Measurement> held = design.stream().filter(ProfiledDevice.MeasuredPoint::heldOut)
                .map(ProfiledDevice.MeasuredPoint::measurement).toList();
        InterferenceModel model;
        try {
            model = InterferenceFit.fit(fitted);
        } catch (IllegalArgumentException e) {
            throw new IOException("profiling " + device + ": " + e.getMessage(), e);
        }
        List<ServiceProfile> profiles = new ArrayList<>();
        for (HostedService h : services) {
            profiles.add(ProfileMeasurements.service(h.name(), h.modelId(), replies));
        }
        List<Integer> batches = new ArrayList<>();
        for (int b = Integer.highestOneBit(s.minBatch()); b < s.maxBatch(); b *= 2) {
            batches.add(Math.max(b, s.minBatch()));
        }
        batches.add(s.maxBatch());
        // the device's own work per round and per shard sample is not measured yet: 0, as in files without it
        return new ProfiledDevice(device, cpus, memoryMiB, hopMs, path.roundOverheadMs(), path.shardLoadMsPerSample(), batches, model, HeldOutErrors.of(model, held),
                profiles, design);
    }

    /** Sequential round trips (ms) of {@code n} requests after {@link #WARMUP_REQUESTS}, 20 ms apart. */
    private static double[] roundTrips(InferClient infer, String service, int n) throws IOException {
        double[] ms = new double[n];
        for (int i = -WARMUP_REQUESTS; i < n; i++) {
            long start = System.nanoTime();
            try {
                infer.infer(service, i + WARMUP_REQUESTS, 0, new byte[0], CALL_DEADLINE)
                        .get(CALL_DEADLINE.toSeconds() + 5, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                throw new IOException("service " + service + " did not answer a probe request: " + e, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
            if (i >= 0) {
                ms[i] = (System.nanoTime() - start) / 1e6;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }
        return ms;
    }

    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    private static void say(PrintWriter progress, String line) {
        if (progress != null) {
            progress.println(line);
            progress.flush();
        }
    }
}
