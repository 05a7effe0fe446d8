package io.deepedge.models.monitoring;

import io.deepedge.models.Assignment;
import io.deepedge.models.Device;
import io.deepedge.models.DeviceProfile;
import io.deepedge.models.Plan;
import io.deepedge.models.ServiceInstance;
import io.deepedge.models.TrainingJob;
import io.deepedge.models.forecast.Forecaster;
import io.deepedge.models.forecast.PeakRate;
import io.deepedge.models.queueing.LatencyPredictor;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * Whether the running plan keeps every co-located SLO over the rest of the job: each service instance on a
 * training device is checked as the policies check it (queueing prediction, service time inflated by the
 * training slowdown at the device's largest local batch, {@link PeakRate} over the remaining window).
 *
 * <p>A steady ramp stays inside any one-interval band, so this catches what load shifts cannot: a forecast
 * that crosses an SLO before the job ends. Edge-triggered: an instance is reported once per plan (a policy
 * that keeps an at-risk plan, e.g. an interference-blind one, is not asked again every interval).
 *
 * <p>The rest of the job is estimated from the plan's progress since the monitor first saw it; before any
 * progress, from the devices' standalone throughput at their local batches (the slowest device paces each
 * iteration), which is optimistic and so checks a window no longer than the real one.
 */
final class SloRisk {
    private final List<ServiceInstance> instances;
    private final Map<String, Device> devices;
    private final Forecaster forecaster;
    private final double intervalSec;
    private final BitSet reported = new BitSet();
    private Plan plan;
    private double planSeenSec;
    private long planSeenSamples;

    SloRisk(List<ServiceInstance> instances, Map<String, Device> devices, Forecaster forecaster, double intervalSec) {
        this.instances = instances;
        this.devices = devices;
        this.forecaster = forecaster;
        this.intervalSec = intervalSec;
    }

    /** Indices of the instances newly at risk under {@code progress}'s plan. */
    List<Integer> newlyAtRisk(TrainingProgress progress, IntFunction<List<Double>> history, double[] currentRatePerSec) {
        if (!progress.plan().equals(plan)) {
            plan = progress.plan();
            planSeenSec = progress.nowSec();
            planSeenSamples = progress.samplesDone();
            reported.clear();
        }
        double remainingSec = remainingSec(progress);
        TrainingJob job = progress.job();
        List<Integer> atRisk = new ArrayList<>();
        for (int i = 0; i < instances.size(); i++) {
            ServiceInstance s = instances.get(i);
            long share = plan.samplesOf(s.device());
            if (share == 0 || reported.get(i)) {
                continue;
            }
            DeviceProfile p = devices.get(s.device()).profile();
            double inflation = p.serviceSlowdownAt(largestLocalBatch(share, job));
            double rate = PeakRate.over(forecaster, toArray(history.apply(i)), currentRatePerSec[i], remainingSec,
                    intervalSec);
            if (!LatencyPredictor.meetsDeadline(s.serviceTime(), inflation, rate, s.sloQuantile(), s.deadlineMs())) {
                reported.set(i);
                atRisk.add(i);
            }
        }
        return atRisk;
    }

    private double remainingSec(TrainingProgress progress) {
        long remaining = progress.job().totalSamples() - progress.samplesDone();
        double elapsedSec = progress.nowSec() - planSeenSec;
        long done = progress.samplesDone() - planSeenSamples;
        double samplesPerSec = done > 0 && elapsedSec > 0 ? done / elapsedSec : standaloneSamplesPerSec(progress);
        return Math.max(0, remaining) / samplesPerSec;
    }

    /** The job's rate when every iteration is paced by its slowest device at standalone throughput. */
    private double standaloneSamplesPerSec(TrainingProgress progress) {
        TrainingJob job = progress.job();
        double epochSec = 0;
        for (Assignment a : progress.plan().assignments()) {
            DeviceProfile p = devices.get(a.device()).profile();
            epochSec = Math.max(epochSec, a.samples() / p.trainSamplesPerSecAt(largestLocalBatch(a.samples(), job)));
        }
        return job.samples() / epochSec;
    }

    /** A share spread over an epoch's iterations, rounded up: the largest local batch the device computes. */
    static long largestLocalBatch(long share, TrainingJob job) {
        long iterations = job.iterationsPerEpoch();
        return (share + iterations - 1) / iterations;
    }

    private static double[] toArray(List<Double> values) {
        double[] out = new double[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i);
        }
        return out;
    }
}
