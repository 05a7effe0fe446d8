package io.deepedge.hw.coordinator;

import io.deepedge.hw.cluster.AgentCluster;
import io.deepedge.hw.data.ImageShard;
import io.deepedge.hw.data.LabelledImages;
import io.deepedge.hw.rpc.AgentClient;
import io.deepedge.hw.rpc.CallDeadlines;
import io.deepedge.hw.rpc.RemoteCallException;
import io.deepedge.hw.rpc.RpcLimits;
import io.deepedge.hw.rpc.ServiceSpec;
import io.deepedge.hw.rpc.ShardSpec;
import io.deepedge.hw.rpc.v1.BatchTiming;
import io.deepedge.hw.rpc.v1.CalibrateServicesReply;
import io.deepedge.hw.rpc.v1.CalibrateServicesRequest;
import io.deepedge.hw.rpc.v1.ServiceTiming;
import io.deepedge.hw.train.NetworkSpec;
import io.deepedge.hw.train.NetworkSpecs;
import io.deepedge.models.Scenario;
import io.deepedge.models.ServiceInstance;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Calibration at agent start: each agent, ONE AFTER ANOTHER, loads a small shard of the job's network, times
 * gradients at a few local batch sizes ({@code Calibrate}) and, when it hosts LC services, starts them with the
 * models the runs serve and times them alone and beside training ({@code CalibrateServices}). Everything is
 * measured in the agent's process, inside its CPU quota. Agents do not calibrate concurrently: they share the
 * machine's cores (and its memory bandwidth) with each other and with the coordinator, and a measurement taken
 * while another agent trains would fold that agent's load into this one's figures.
 */
public final class AgentCalibration {
    /** Timed gradients per batch size (after one untimed warm-up); the median is kept. */
    static final int REPETITIONS = 3;
    static final int SERVICE_REQUESTS = 30;
    static final int SERVICE_WARMUP_REQUESTS = 10;
    /** At least this long, and at least four gradients, of training alone for the reference throughput. */
    static final double MIN_TRAINING_ALONE_SEC = 1.0;

    private AgentCalibration() {
    }

    /**
     * @param cpusByDevice each device's CPU quota (the services' duty cycle while timed is half of it, at most 0.5)
     * @param modelIdByService the model id each service is served with in the runs
     * @param data the calibration shard is its first original training images; gradients are taken at its base
     *             model's parameters
     */
    public static Map<String, CalibrationMeasurements> run(Scenario scenario, AgentCluster cluster,
                                                           Map<String, Double> cpusByDevice,
                                                           Map<String, String> modelIdByService, NetworkSpec network,
                                                           TestbedData data, PrintWriter progress)
            throws IOException {
        LabelledImages images = data.original().train();
        float[] params = data.base().params().toFloatVector();
        int globalBatch = scenario.job().orElseThrow().batchSize();
        List<Integer> batches = batchSizes(globalBatch, images.count());
        LabelledImages shard = images.slice(0, Math.min(images.count(), 2 * batches.get(batches.size() - 1)));
        Map<String, CalibrationMeasurements> out = new LinkedHashMap<>();
        for (var d : scenario.devices()) {
            if (progress != null) {
                progress.printf("calibrating %s (batches %s%s)%n", d.name(), batches,
                        scenario.servicesOn(d.name()).isEmpty() ? "" : ", LC services alone and beside training");
                progress.flush();
            }
            try (AgentClient agent = cluster.client(d.name(), CallDeadlines.defaults(),
                    RpcLimits.DEFAULT_MAX_INBOUND_BYTES)) {
                out.put(d.name(), calibrate(agent, d.name(), scenario.servicesOn(d.name()),
                        cpusByDevice.getOrDefault(d.name(), 1.0), modelIdByService, network, shard, batches, params));
            } catch (RemoteCallException e) {
                throw new IOException("calibration of agent " + d.name() + " failed: " + e.getMessage(), e);
            }
        }
        return out;
    }

    /** The local batches a job of global batch {@code b} can give a device: B/4, B/2, B (distinct, >= 1). */
    static List<Integer> batchSizes(int globalBatch, int available) {
        TreeSet<Integer> sizes = new TreeSet<>();
        for (int b : new int[] {globalBatch / 4, globalBatch / 2, globalBatch}) {
            sizes.add(Math.max(1, Math.min(b, available)));
        }
        return List.copyOf(sizes);
    }

    private static CalibrationMeasurements calibrate(AgentClient agent, String device, List<ServiceInstance> services,
                                                     double cpus, Map<String, String> modelIdByService,
                                                     NetworkSpec network, LabelledImages shard, List<Integer> batches,
                                                     float[] params) throws RemoteCallException {
        agent.hello("deepedge-calibration");
        agent.loadShard(new ShardSpec("calibration-" + device, ImageShard.FORMAT, shard.count(), network.describe(),
                NetworkSpecs.configBytes(network)), ImageShard.encode(shard));
        agent.gradient(0, 1, params, 0, 1); // the agent keeps the base model's parameters for the timings
        List<CalibrationMeasurements.BatchRate> rates = new ArrayList<>();
        for (BatchTiming t : agent.calibrate(batches, REPETITIONS).getTimingsList()) {
            rates.add(new CalibrationMeasurements.BatchRate(t.getBatchSize(), t.getMedianMs(), t.getSamplesPerSec()));
        }
        CalibrationMeasurements.BatchRate middle = rates.get(rates.size() / 2);
        double duty = Math.min(0.5, cpus / 2);
        if (services.isEmpty()) {
            return new CalibrationMeasurements(device, cpus, REPETITIONS, rates, Map.of(), 0, duty, middle.batch(),
                    0, 0, 0);
        }
        agent.startServices(services.stream().map(s -> new ServiceSpec(s.service(),
                modelIdByService.get(s.service()), s.deadlineMs())).toList());
        CalibrateServicesReply reply;
        try {
            reply = agent.calibrateServices(CalibrateServicesRequest.newBuilder().setRequests(SERVICE_REQUESTS)
                    .setWarmupRequests(SERVICE_WARMUP_REQUESTS).setDutyCycle(duty).setTrainingBatch(middle.batch())
                    .setTrainingAloneSec(Math.max(MIN_TRAINING_ALONE_SEC, 4 * middle.medianMs() / 1000)).build());
        } finally {
            agent.stopServices();
            agent.metrics(); // the calibration requests' window is not a run's
        }
        Map<String, CalibrationMeasurements.ServiceTimes> times = new LinkedHashMap<>();
        for (ServiceTiming t : reply.getServicesList()) {
            times.put(t.getServiceId(), new CalibrationMeasurements.ServiceTimes(t.getAloneMeanMs(), t.getAloneCv(),
                    t.getTrainingMeanMs(), t.getTrainingCv()));
        }
        return new CalibrationMeasurements(device, cpus, REPETITIONS, rates, times, SERVICE_REQUESTS, duty,
                middle.batch(), reply.getTrainingAloneSamplesPerSec(), reply.getTrainingBesideServicesSamplesPerSec(),
                reply.getServicesBusyFraction());
    }
}
