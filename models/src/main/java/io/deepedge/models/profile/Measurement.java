package io.deepedge.models.profile;

import io.deepedge.models.Checks;

import java.util.List;

/**
 * What a profiler measured at one design point, in both co-location states.
 *
 * @param point the design point (local batch, LC arrival rate)
 * @param trainAloneSamplesPerSec training throughput at the point's batch with no LC load
 * @param trainColocatedSamplesPerSec training throughput at that batch while the LC service runs at the point's rate
 * @param serviceAloneMeanMs mean LC service time (model call only, no queueing) with no training
 * @param serviceColocatedMeanMs mean LC service time while training runs at the point's batch
 * @param latencyColocated the LC latency at the clients while training runs ({@link ColocatedLatency#NONE} when not
 *        measured)
 * @param hosts the host-speed probe during each of the point's phases ({@link PhaseHosts#NONE} when not probed)
 * @param latencyAlone the LC latency at the clients over the services-alone phase, no training on the device
 *        ({@link ColocatedLatency#NONE} when not measured: files written before 2026-12-06 18:00)
 * @param computeCpu training's compute CPU a sample in the training-alone and the co-located phase ({@link
 *        ComputeCpu#NONE} when not measured: files written before 2026-12-07 20:30)
 */
public record Measurement(DesignPoint point, double trainAloneSamplesPerSec, double trainColocatedSamplesPerSec,
                          double serviceAloneMeanMs, double serviceColocatedMeanMs,
                          ColocatedLatency latencyColocated, PhaseHosts hosts, ColocatedLatency latencyAlone,
                          ComputeCpu computeCpu) {
    public Measurement {
        if (point == null || latencyColocated == null || hosts == null || latencyAlone == null
                || computeCpu == null) {
            throw new IllegalArgumentException("point, latencyColocated and latencyAlone (ColocatedLatency.NONE for"
                    + " none), hosts (PhaseHosts.NONE for none) and computeCpu (ComputeCpu.NONE) must be given");
        }
        Checks.positive("trainAloneSamplesPerSec", trainAloneSamplesPerSec);
        Checks.positive("trainColocatedSamplesPerSec", trainColocatedSamplesPerSec);
        Checks.positive("serviceAloneMeanMs", serviceAloneMeanMs);
        Checks.positive("serviceColocatedMeanMs", serviceColocatedMeanMs);
    }

    /** A measurement without training's compute CPU a sample. */
    public Measurement(DesignPoint point, double trainAloneSamplesPerSec, double trainColocatedSamplesPerSec,
                       double serviceAloneMeanMs, double serviceColocatedMeanMs, ColocatedLatency latencyColocated,
                       PhaseHosts hosts, ColocatedLatency latencyAlone) {
        this(point, trainAloneSamplesPerSec, trainColocatedSamplesPerSec, serviceAloneMeanMs, serviceColocatedMeanMs,
                latencyColocated, hosts, latencyAlone, ComputeCpu.NONE);
    }

    /** A measurement without the services-alone phase's latency. */
    public Measurement(DesignPoint point, double trainAloneSamplesPerSec, double trainColocatedSamplesPerSec,
                       double serviceAloneMeanMs, double serviceColocatedMeanMs, ColocatedLatency latencyColocated,
                       PhaseHosts hosts) {
        this(point, trainAloneSamplesPerSec, trainColocatedSamplesPerSec, serviceAloneMeanMs, serviceColocatedMeanMs,
                latencyColocated, hosts, ColocatedLatency.NONE);
    }

    /** A measurement whose phases were not probed. */
    public Measurement(DesignPoint point, double trainAloneSamplesPerSec, double trainColocatedSamplesPerSec,
                       double serviceAloneMeanMs, double serviceColocatedMeanMs, ColocatedLatency latencyColocated) {
        this(point, trainAloneSamplesPerSec, trainColocatedSamplesPerSec, serviceAloneMeanMs, serviceColocatedMeanMs,
                latencyColocated, PhaseHosts.NONE);
    }

    /** A measurement without the co-located latency. */
    public Measurement(DesignPoint point, double trainAloneSamplesPerSec, double trainColocatedSamplesPerSec,
                       double serviceAloneMeanMs, double serviceColocatedMeanMs) {
        this(point, trainAloneSamplesPerSec, trainColocatedSamplesPerSec, serviceAloneMeanMs, serviceColocatedMeanMs,
                ColocatedLatency.NONE);
    }

    /** The same figures with the phases' probe steps {@code phaseHosts}. */
    public Measurement withHosts(PhaseHosts phaseHosts) {
        return new Measurement(point, trainAloneSamplesPerSec, trainColocatedSamplesPerSec, serviceAloneMeanMs,
                serviceColocatedMeanMs, latencyColocated, phaseHosts, latencyAlone, computeCpu);
    }

    /** The same figures with the services-alone phase's latency {@code latency}. */
    public Measurement withLatencyAlone(ColocatedLatency latency) {
        return new Measurement(point, trainAloneSamplesPerSec, trainColocatedSamplesPerSec, serviceAloneMeanMs,
                serviceColocatedMeanMs, latencyColocated, hosts, latency, computeCpu);
    }

    /** The same figures with training's compute CPU a sample {@code cpu}. */
    public Measurement withComputeCpu(ComputeCpu cpu) {
        return new Measurement(point, trainAloneSamplesPerSec, trainColocatedSamplesPerSec, serviceAloneMeanMs,
                serviceColocatedMeanMs, latencyColocated, hosts, latencyAlone, cpu);
    }

    /**
     * The figures as if every phase had run on a host whose probe step takes {@code referenceCpuMs}: each phase's
     * work per CPU second scaled by its own probe against the reference (a throughput times {@code probe /
     * reference}, a service time or training's CPU a sample times {@code reference / probe}), so a point's slowdowns
     * compare like with like; the latencies, queueing and all, are left as measured. Unchanged when a phase was not
     * probed.
     */
    public Measurement atHost(double referenceCpuMs) {
        if (!hosts.measured()) {
            return this;
        }
        if (!(referenceCpuMs > 0 && Double.isFinite(referenceCpuMs))) {
            throw new IllegalArgumentException("referenceCpuMs must be a positive number, got " + referenceCpuMs);
        }
        double trainAlone = hosts.trainAlone().cpuMsMean() / referenceCpuMs;
        double servicesAlone = hosts.servicesAlone().cpuMsMean() / referenceCpuMs;
        double together = hosts.together().cpuMsMean() / referenceCpuMs;
        return new Measurement(point, trainAloneSamplesPerSec * trainAlone, trainColocatedSamplesPerSec * together,
                serviceAloneMeanMs / servicesAlone, serviceColocatedMeanMs / together, latencyColocated, hosts,
                latencyAlone, computeCpu.onHosts(trainAlone, together));
    }

    /** Standalone LC utilisation at this point: rate x alone service time. */
    public double utilisation() {
        return point.ratePerSec() * serviceAloneMeanMs / 1000;
    }

    /** Share of time an LC request is in service while training runs: rate x co-located service time. */
    public double colocatedBusyShare() {
        return point.ratePerSec() * serviceColocatedMeanMs / 1000;
    }

    /** Measured phi: LC service-time inflation while training. */
    public double serviceSlowdown() {
        return serviceColocatedMeanMs / serviceAloneMeanMs;
    }

    /** Measured training slowdown under this LC load: alone over co-located throughput. */
    public double trainingSlowdown() {
        return trainAloneSamplesPerSec / trainColocatedSamplesPerSec;
    }

    /** Seconds of one standalone iteration at this batch. */
    public double iterationSec() {
        return point.batch() / trainAloneSamplesPerSec;
    }

    /**
     * Several measurements of one design point as one: each measured figure the mean of theirs (the slowdowns then
     * follow from the means, as from one longer measurement), each phase's probe steps pooled.
     *
     * @throws IllegalArgumentException with no measurement, or measurements of different points
     */
    public static Measurement mean(List<Measurement> measurements) {
        if (measurements.isEmpty()) {
            throw new IllegalArgumentException("no measurement to average");
        }
        DesignPoint point = measurements.get(0).point();
        double[] sum = new double[4];
        for (Measurement m : measurements) {
            if (!m.point().equals(point)) {
                throw new IllegalArgumentException("measurements of different points: " + point + ", " + m.point());
            }
            sum[0] += m.trainAloneSamplesPerSec();
            sum[1] += m.trainColocatedSamplesPerSec();
            sum[2] += m.serviceAloneMeanMs();
            sum[3] += m.serviceColocatedMeanMs();
        }
        int n = measurements.size();
        return new Measurement(point, sum[0] / n, sum[1] / n, sum[2] / n, sum[3] / n,
                ColocatedLatency.mean(measurements.stream().map(Measurement::latencyColocated).toList()),
                PhaseHosts.pooled(measurements.stream().map(Measurement::hosts).toList()),
                ColocatedLatency.mean(measurements.stream().map(Measurement::latencyAlone).toList()),
                ComputeCpu.mean(measurements.stream().map(Measurement::computeCpu).toList()));
    }
}
