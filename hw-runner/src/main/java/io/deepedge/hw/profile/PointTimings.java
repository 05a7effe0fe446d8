package io.deepedge.hw.profile;

import io.deepedge.models.profile.ColocatedLatency;
import io.deepedge.models.profile.ComputeCpu;

import java.util.Map;

/**
 * What one design point measured on an agent: the training throughput alone and beside the services (samples
 * per second of gradient compute), each service's service times alone and beside training, by service name, and
 * over the services-alone phase the requests completed per second, the agent process's CPU (cores) and each
 * service's worker CPU time per request (by service name; none from an agent that does not report them) and the
 * median latency its client measured (scheduled arrival to reply, as the testbed's; by service name); and the
 * agent's CPU over the training-alone phase ({@link TrainingCpu#NONE} when not measured); and the co-located phase's
 * latency at the clients ({@link ColocatedLatency#NONE} when not measured); and when each phase ran ({@link
 * PhaseSpans#NONE} when not timed); and the services-alone phase's latency at the clients ({@link
 * ColocatedLatency#NONE} when not measured); and training's compute CPU a sample alone and beside the services
 * ({@link ComputeCpu#NONE} when not measured).
 */
record PointTimings(double trainAloneSamplesPerSec, double trainColocatedSamplesPerSec,
                    Map<String, ServiceTimes> alone, Map<String, ServiceTimes> colocated,
                    double aloneRequestsPerSec, double aloneCpuCores, Map<String, ServiceTimes> aloneCpu,
                    Map<String, Double> aloneClientMedianMs, TrainingCpu trainAloneCpu,
                    ColocatedLatency colocatedLatency, PhaseSpans spans, ColocatedLatency aloneLatency,
                    ComputeCpu computeCpu) {
    PointTimings {
        if (spans == null || aloneLatency == null || computeCpu == null) {
            throw new IllegalArgumentException("spans, aloneLatency and computeCpu must be given (PhaseSpans.NONE,"
                    + " ColocatedLatency.NONE, ComputeCpu.NONE when not measured)");
        }
        alone = Map.copyOf(alone);
        colocated = Map.copyOf(colocated);
        aloneCpu = Map.copyOf(aloneCpu);
        aloneClientMedianMs = Map.copyOf(aloneClientMedianMs);
    }

    /** Timings without training's compute CPU a sample. */
    PointTimings(double trainAloneSamplesPerSec, double trainColocatedSamplesPerSec,
                 Map<String, ServiceTimes> alone, Map<String, ServiceTimes> colocated,
                 double aloneRequestsPerSec, double aloneCpuCores, Map<String, ServiceTimes> aloneCpu,
                 Map<String, Double> aloneClientMedianMs, TrainingCpu trainAloneCpu,
                 ColocatedLatency colocatedLatency, PhaseSpans spans, ColocatedLatency aloneLatency) {
        this(trainAloneSamplesPerSec, trainColocatedSamplesPerSec, alone, colocated, aloneRequestsPerSec, aloneCpuCores,
                aloneCpu, aloneClientMedianMs, trainAloneCpu, colocatedLatency, spans, aloneLatency, ComputeCpu.NONE);
    }

    /** Timings without the services-alone phase's latency. */
    PointTimings(double trainAloneSamplesPerSec, double trainColocatedSamplesPerSec,
                 Map<String, ServiceTimes> alone, Map<String, ServiceTimes> colocated,
                 double aloneRequestsPerSec, double aloneCpuCores, Map<String, ServiceTimes> aloneCpu,
                 Map<String, Double> aloneClientMedianMs, TrainingCpu trainAloneCpu,
                 ColocatedLatency colocatedLatency, PhaseSpans spans) {
        this(trainAloneSamplesPerSec, trainColocatedSamplesPerSec, alone, colocated, aloneRequestsPerSec, aloneCpuCores,
                aloneCpu, aloneClientMedianMs, trainAloneCpu, colocatedLatency, spans, ColocatedLatency.NONE);
    }

    /** Timings whose phases were not timed. */
    PointTimings(double trainAloneSamplesPerSec, double trainColocatedSamplesPerSec,
                 Map<String, ServiceTimes> alone, Map<String, ServiceTimes> colocated,
                 double aloneRequestsPerSec, double aloneCpuCores, Map<String, ServiceTimes> aloneCpu,
                 Map<String, Double> aloneClientMedianMs, TrainingCpu trainAloneCpu,
                 ColocatedLatency colocatedLatency) {
        this(trainAloneSamplesPerSec, trainColocatedSamplesPerSec, alone, colocated, aloneRequestsPerSec, aloneCpuCores,
                aloneCpu, aloneClientMedianMs, trainAloneCpu, colocatedLatency, PhaseSpans.NONE);
    }

    /** Timings without the co-located latency. */
    PointTimings(double trainAloneSamplesPerSec, double trainColocatedSamplesPerSec,
                 Map<String, ServiceTimes> alone, Map<String, ServiceTimes> colocated,
                 double aloneRequestsPerSec, double aloneCpuCores, Map<String, ServiceTimes> aloneCpu,
                 Map<String, Double> aloneClientMedianMs, TrainingCpu trainAloneCpu) {
        this(trainAloneSamplesPerSec, trainColocatedSamplesPerSec, alone, colocated, aloneRequestsPerSec, aloneCpuCores,
                aloneCpu, aloneClientMedianMs, trainAloneCpu, ColocatedLatency.NONE);
    }

    /** Timings without the training-alone phase's CPU. */
    PointTimings(double trainAloneSamplesPerSec, double trainColocatedSamplesPerSec,
                 Map<String, ServiceTimes> alone, Map<String, ServiceTimes> colocated,
                 double aloneRequestsPerSec, double aloneCpuCores, Map<String, ServiceTimes> aloneCpu,
                 Map<String, Double> aloneClientMedianMs) {
        this(trainAloneSamplesPerSec, trainColocatedSamplesPerSec, alone, colocated, aloneRequestsPerSec, aloneCpuCores,
                aloneCpu, aloneClientMedianMs, TrainingCpu.NONE);
    }

    /** Timings without the clients' latencies. */
    PointTimings(double trainAloneSamplesPerSec, double trainColocatedSamplesPerSec,
                 Map<String, ServiceTimes> alone, Map<String, ServiceTimes> colocated,
                 double aloneRequestsPerSec, double aloneCpuCores, Map<String, ServiceTimes> aloneCpu) {
        this(trainAloneSamplesPerSec, trainColocatedSamplesPerSec, alone, colocated, aloneRequestsPerSec, aloneCpuCores,
                aloneCpu, Map.of());
    }
}
