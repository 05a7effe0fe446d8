package io.deepedge.models;

import io.deepedge.models.timeline.RoundCall;
import io.deepedge.models.timeline.TimelineInterval;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Outcome of one run (one policy, one replication, one grid point): one row of runs.csv plus its
 * services.csv rows. Shared by the simulator and the hardware runner.
 *
 * @param experiment experiment name
 * @param mode {@code sim} or {@code testbed}
 * @param policy policy id
 * @param replication 0-based replication index
 * @param seed the run's seed (the same for every policy of one replication)
 * @param finished whether the training job finished within the horizon
 * @param notFinishedReason why it did not ("" when it finished): the policy's own postponement reason, the
 *        horizon reached mid-job, or no job at all
 * @param retrainTimeSec submission to final model; NaN when not finished or no job
 * @param retrainTimeLowerBoundSec the re-training time when finished, else the time from submission to the
 *                                 horizon (what the job took at least, a censored observation); NaN without a job
 * @param planTimeMs wall time of all policy calls in the run
 * @param plan the first plan carried out, rendered as the contract says ("" when none)
 * @param finalPlan the plan in force at the end of the run ("" when none), after any re-planning
 * @param rejected why the first plan left each other device out: {@code device=reason} pairs joined by {@code ; }
 * @param devicesUsed devices of that plan
 * @param lcRequests LC requests judged over all instances: arrived in the metrics window, not lost (completed
 *                   in it, or unfinished at its end with their age as latency)
 * @param lcMisses deadline misses among them (an unfinished request misses when its age exceeds the deadline)
 * @param lcP50Ms median latency over all instances
 * @param lcP95Ms 95th percentile over all instances
 * @param lcP99Ms 99th percentile over all instances
 * @param failures device failures that occurred within the run
 * @param workLostSec training time (device-seconds of the job's wall clock) rolled back by failures
 * @param samplesTrained samples processed by the training devices, counting every completed iteration once
 * @param replans policy calls after the first
 * @param gridPoint swept config paths and their values at this run's grid point, in sweep order (empty without a sweep)
 * @param services per-instance statistics
 * @param accuracyBefore the hardware runner's held-out accuracy of the model before its update job (NaN, an empty
 *                       cell, in the simulator, which trains no real model)
 * @param accuracyAfter the same after the job (NaN when the job did not finish, and in the simulator)
 * @param timeline what each device did for the job over time (timeline.csv); empty unless this run records it
 *                 (replication 0 of each policy and grid point)
 * @param cfs each CPU-quota-limited device's CFS periods over the metrics window and those whose budget ran out, by
 *            device name (empty where no quota is modelled or counted: the averaged interference model, or agents
 *            without a readable cgroup)
 * @param roundCalls the testbed's gradient calls split into their parts (rounds.csv), in the runs that record a
 *                   timeline; empty in the simulator, which has no calls to split
 * @param trainingCpu each device's training CPU over the local batches it finished, by device name (empty where it
 *                    is not measured: the averaged interference model, agents before protocol 1.7)
 * @param hostProbe what the testbed's host-speed probe measured during the training job ({@link HostProbe#NONE} in
 *                  the simulator and where no probe ran; null is taken as none)
 * @param hostSteps every step of that probe from the run's start to its end, in order (host-steps.csv); empty in the
 *                  simulator and where no probe ran (null is taken as none)
 */
public record RunResult(String experiment, String mode, String policy, int replication, long seed, boolean finished,
                        String notFinishedReason, double retrainTimeSec, double retrainTimeLowerBoundSec,
                        double planTimeMs, String plan, String finalPlan, String rejected, int devicesUsed,
                        long lcRequests, long lcMisses, double lcP50Ms, double lcP95Ms, double lcP99Ms, int failures,
                        double workLostSec, long samplesTrained, int replans, Map<String, String> gridPoint,
                        List<ServiceStats> services, double accuracyBefore, double accuracyAfter,
                        List<TimelineInterval> timeline, Map<String, CfsCounts> cfs, List<RoundCall> roundCalls,
                        Map<String, TrainingCpu> trainingCpu, HostProbe hostProbe,
                        List<HostProbeStep> hostSteps) {
    public RunResult {
        if (hostProbe == null) {
            hostProbe = HostProbe.NONE;
        }
        hostSteps = hostSteps == null ? List.of() : List.copyOf(hostSteps);
        if (finished != notFinishedReason.isEmpty()) {
            throw new IllegalArgumentException("a run has a not-finished reason exactly when it did not finish: finished="
                    + finished + ", reason '" + notFinishedReason + "'");
        }
        gridPoint = Collections.unmodifiableMap(new LinkedHashMap<>(gridPoint));
        services = List.copyOf(services);
        timeline = List.copyOf(timeline);
        cfs = Collections.unmodifiableMap(new java.util.TreeMap<>(cfs));
        roundCalls = List.copyOf(roundCalls);
        trainingCpu = Collections.unmodifiableMap(new java.util.TreeMap<>(trainingCpu));
    }

    /** A run without a timeline. */
    public RunResult(String experiment, String mode, String policy, int replication, long seed, boolean finished,
                     String notFinishedReason, double retrainTimeSec, double retrainTimeLowerBoundSec,
                     double planTimeMs, String plan, String finalPlan, String rejected, int devicesUsed,
                     long lcRequests, long lcMisses, double lcP50Ms, double lcP95Ms, double lcP99Ms, int failures,
                     double workLostSec, long samplesTrained, int replans, Map<String, String> gridPoint,
                     List<ServiceStats> services, double accuracyBefore, double accuracyAfter) {
        this(experiment, mode, policy, replication, seed, finished, notFinishedReason, retrainTimeSec,
                retrainTimeLowerBoundSec, planTimeMs, plan, finalPlan, rejected, devicesUsed, lcRequests, lcMisses,
                lcP50Ms, lcP95Ms, lcP99Ms, failures, workLostSec, samplesTrained, replans, gridPoint, services,
                accuracyBefore, accuracyAfter, List.of(), Map.of(), List.of(), Map.of(), HostProbe.NONE, List.of());
    }

    /** A run without accuracies (the simulator's). */
    public RunResult(String experiment, String mode, String policy, int replication, long seed, boolean finished,
                     String notFinishedReason, double retrainTimeSec, double retrainTimeLowerBoundSec,
                     double planTimeMs, String plan, String finalPlan, String rejected, int devicesUsed,
                     long lcRequests, long lcMisses, double lcP50Ms, double lcP95Ms, double lcP99Ms, int failures,
                     double workLostSec, long samplesTrained, int replans, Map<String, String> gridPoint,
                     List<ServiceStats> services) {
        this(experiment, mode, policy, replication, seed, finished, notFinishedReason, retrainTimeSec,
                retrainTimeLowerBoundSec, planTimeMs, plan, finalPlan, rejected, devicesUsed, lcRequests, lcMisses,
                lcP50Ms, lcP95Ms, lcP99Ms, failures, workLostSec, samplesTrained, replans, gridPoint, services,
                Double.NaN, Double.NaN);
    }

    /** Misses over the judged LC requests; NaN (an empty cell) when the window held none: 0 would claim no miss. */
    public double lcMissRate() {
        return lcRequests == 0 ? Double.NaN : (double) lcMisses / lcRequests;
    }

    /** Service instances whose SLO-quantile latency exceeded their deadline in this run. */
    public long sloViolations() {
        return services.stream().filter(s -> !s.sloMet()).count();
    }

    /** Service instances whose SLO broke on the co-location view (requests that arrived while training ran there). */
    public long colocSloViolations() {
        return services.stream().filter(s -> !s.colocSloMet()).count();
    }

    public long lcLost() {
        return services.stream().mapToLong(ServiceStats::lost).sum();
    }

    /** Requests still queued or in service at the metrics window's end, over all instances. */
    public long lcUnfinished() {
        return services.stream().mapToLong(ServiceStats::unfinished).sum();
    }

    /** A copy carrying the grid point it was run at. */
    public RunResult withGridPoint(Map<String, String> point) {
        return new RunResult(experiment, mode, policy, replication, seed, finished, notFinishedReason, retrainTimeSec,
                retrainTimeLowerBoundSec, planTimeMs, plan, finalPlan, rejected, devicesUsed, lcRequests, lcMisses,
                lcP50Ms, lcP95Ms, lcP99Ms, failures, workLostSec, samplesTrained,
                replans, point, services, accuracyBefore, accuracyAfter, timeline, cfs, roundCalls, trainingCpu,
                hostProbe, hostSteps);
    }

    /** A copy with another planning time (NaN leaves the wall-clock cell empty). */
    public RunResult withPlanTimeMs(double ms) {
        return new RunResult(experiment, mode, policy, replication, seed, finished, notFinishedReason, retrainTimeSec,
                retrainTimeLowerBoundSec, ms, plan, finalPlan, rejected, devicesUsed, lcRequests, lcMisses,
                lcP50Ms, lcP95Ms, lcP99Ms, failures, workLostSec, samplesTrained,
                replans, gridPoint, services, accuracyBefore, accuracyAfter, timeline, cfs, roundCalls, trainingCpu,
                hostProbe, hostSteps);
    }

    /** A copy carrying {@code intervals} as its training timeline. */
    public RunResult withTimeline(List<TimelineInterval> intervals) {
        return new RunResult(experiment, mode, policy, replication, seed, finished, notFinishedReason, retrainTimeSec,
                retrainTimeLowerBoundSec, planTimeMs, plan, finalPlan, rejected, devicesUsed, lcRequests, lcMisses,
                lcP50Ms, lcP95Ms, lcP99Ms, failures, workLostSec, samplesTrained,
                replans, gridPoint, services, accuracyBefore, accuracyAfter, intervals, cfs, roundCalls, trainingCpu,
                hostProbe, hostSteps);
    }

    /** A copy carrying {@code calls} as its gradient calls split into their parts (rounds.csv). */
    public RunResult withRoundCalls(List<RoundCall> calls) {
        return new RunResult(experiment, mode, policy, replication, seed, finished, notFinishedReason, retrainTimeSec,
                retrainTimeLowerBoundSec, planTimeMs, plan, finalPlan, rejected, devicesUsed, lcRequests, lcMisses,
                lcP50Ms, lcP95Ms, lcP99Ms, failures, workLostSec, samplesTrained,
                replans, gridPoint, services, accuracyBefore, accuracyAfter, timeline, cfs, calls, trainingCpu,
                hostProbe, hostSteps);
    }

    /** A copy carrying {@code counts} as its devices' throttled periods over the metrics window. */
    public RunResult withCfs(Map<String, CfsCounts> counts) {
        return new RunResult(experiment, mode, policy, replication, seed, finished, notFinishedReason, retrainTimeSec,
                retrainTimeLowerBoundSec, planTimeMs, plan, finalPlan, rejected, devicesUsed, lcRequests, lcMisses,
                lcP50Ms, lcP95Ms, lcP99Ms, failures, workLostSec, samplesTrained,
                replans, gridPoint, services, accuracyBefore, accuracyAfter, timeline, counts, roundCalls, trainingCpu,
                hostProbe, hostSteps);
    }

    /** A copy carrying {@code cpu} as its devices' training CPU over their finished batches. */
    public RunResult withTrainingCpu(Map<String, TrainingCpu> cpu) {
        return new RunResult(experiment, mode, policy, replication, seed, finished, notFinishedReason, retrainTimeSec,
                retrainTimeLowerBoundSec, planTimeMs, plan, finalPlan, rejected, devicesUsed, lcRequests, lcMisses,
                lcP50Ms, lcP95Ms, lcP99Ms, failures, workLostSec, samplesTrained,
                replans, gridPoint, services, accuracyBefore, accuracyAfter, timeline, cfs, roundCalls, cpu,
                hostProbe, hostSteps);
    }

    /** A copy carrying {@code probe} as what the host-speed probe measured during its training job. */
    public RunResult withHostProbe(HostProbe probe) {
        return new RunResult(experiment, mode, policy, replication, seed, finished, notFinishedReason, retrainTimeSec,
                retrainTimeLowerBoundSec, planTimeMs, plan, finalPlan, rejected, devicesUsed, lcRequests, lcMisses,
                lcP50Ms, lcP95Ms, lcP99Ms, failures, workLostSec, samplesTrained,
                replans, gridPoint, services, accuracyBefore, accuracyAfter, timeline, cfs, roundCalls, trainingCpu,
                probe, hostSteps);
    }

    /** A copy carrying {@code steps} as every step of the host-speed probe during the run. */
    public RunResult withHostSteps(List<HostProbeStep> steps) {
        return new RunResult(experiment, mode, policy, replication, seed, finished, notFinishedReason, retrainTimeSec,
                retrainTimeLowerBoundSec, planTimeMs, plan, finalPlan, rejected, devicesUsed, lcRequests, lcMisses,
                lcP50Ms, lcP95Ms, lcP99Ms, failures, workLostSec, samplesTrained,
                replans, gridPoint, services, accuracyBefore, accuracyAfter, timeline, cfs, roundCalls, trainingCpu,
                hostProbe, steps);
    }
}
