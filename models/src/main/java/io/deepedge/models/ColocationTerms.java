package io.deepedge.models;

/**
 * How a quota-limited device's work costs more or less when its training and its services run together than the
 * CPU quota model alone says, fitted by the profiler on its co-located design points ({@link #NONE}: as the model
 * says). Two effects the agents show: a request that starts straight after another (queued behind a spent budget,
 * served in a burst) costs less CPU than the average request at the device's rate, and training progresses slower
 * per CPU second while a request is in service beside it (caches and memory shared with the service).
 *
 * @param backToBackCpu the CPU of a request that starts right after another while training computes on the device,
 *        as a fraction of the average request's, in (0, 1] (a service alone spends what its services-alone phases
 *        measured, back-to-back requests included)
 * @param trainingSpeedWhileServing training's progress per CPU second while a request is in service on the device,
 *        as a fraction of its progress alone, in (0, 1]: fitted on training's compute CPU a sample beside the services
 *        over alone where the profile measured it ({@link io.deepedge.models.profile.ComputeCpu}), else on the
 *        co-located throughput
 * @param trainingCoresWhileServing the share of a core each of training's threads gets while a request is in service
 *        on the device, in (0, 1]: it spends the budget and progresses that much slower. The request path's threads
 *        (the gRPC event loop beside the worker) share the host's cores with training, and the kernel serves them,
 *        short sleepers, first: beside training the agents' service kept up with about 275 req/s where the quota model
 *        with training at a whole core gives 205-216 (README "The twin's latency beside training")
 * @param coRunnerSpeed the device's work per CPU second (training and requests) while every other core of its host
 *        runs another device's work, as a fraction of its speed with those cores idle, in (0, 1]: caches and memory
 *        bandwidth are the host's, not the quota's. The simulator scales it by how much of the other cores the
 *        other devices use ({@link #coRunnerSpeedAt}). On the testbed's 2-vCPU machine the probe's growth stayed
 *        within the host's own movement, or at its edge (README "Devices that slow each other down")
 * @param coldRequestSpeed the speed of a request that finds its service idle while training computes on the device,
 *        as a fraction of the speed the services-alone phases measured, in (0, 1]: its work grows by {@code 1 /
 *        coldRequestSpeed}, and so do its time and the CPU it spends. Training evicts the service's caches between
 *        requests, so a request that starts cold beside training costs more than one alone at the same rate; the
 *        counterpart of {@code backToBackCpu}, which a request queued behind another pays less by. Beside training the
 *        twin's service times were short at the design's low rates and long at its high ones before it (README "A fourth
 *        term, coldRequestSpeed"; STUDIES.md "Cold requests beside training, measured")
 */
public record ColocationTerms(double backToBackCpu, double trainingSpeedWhileServing,
                              double trainingCoresWhileServing, double coRunnerSpeed, double coldRequestSpeed) {
    /** The quota model as it is. */
    public static final ColocationTerms NONE = new ColocationTerms(1, 1, 1, 1, 1);

    public ColocationTerms {
        Checks.fraction("backToBackCpu", backToBackCpu);
        Checks.fraction("trainingSpeedWhileServing", trainingSpeedWhileServing);
        Checks.fraction("trainingCoresWhileServing", trainingCoresWhileServing);
        Checks.fraction("coRunnerSpeed", coRunnerSpeed);
        Checks.fraction("coldRequestSpeed", coldRequestSpeed);
    }

    /** The four terms before the cold request's was fitted (profiles before 2026-12-06 14:15): requests alike. */
    public ColocationTerms(double backToBackCpu, double trainingSpeedWhileServing, double trainingCoresWhileServing,
                           double coRunnerSpeed) {
        this(backToBackCpu, trainingSpeedWhileServing, trainingCoresWhileServing, coRunnerSpeed, 1);
    }

    /** The three terms of a device's own co-location, its work unaffected by other devices (profiles before 2026-12-05 20:00). */
    public ColocationTerms(double backToBackCpu, double trainingSpeedWhileServing, double trainingCoresWhileServing) {
        this(backToBackCpu, trainingSpeedWhileServing, trainingCoresWhileServing, 1);
    }

    /** The first two terms, training at whole cores beside a request (profiles before the third was fitted). */
    public ColocationTerms(double backToBackCpu, double trainingSpeedWhileServing) {
        this(backToBackCpu, trainingSpeedWhileServing, 1);
    }

    /** The same terms with {@code trainingCoresWhileServing} set. */
    public ColocationTerms withTrainingCoresWhileServing(double cores) {
        return new ColocationTerms(backToBackCpu, trainingSpeedWhileServing, cores, coRunnerSpeed, coldRequestSpeed);
    }

    /** The same terms with {@code coldRequestSpeed} set. */
    public ColocationTerms withColdRequestSpeed(double speed) {
        return new ColocationTerms(backToBackCpu, trainingSpeedWhileServing, trainingCoresWhileServing, coRunnerSpeed,
                speed);
    }

    /** The same terms with {@code coRunnerSpeed} set. */
    public ColocationTerms withCoRunnerSpeed(double speed) {
        return new ColocationTerms(backToBackCpu, trainingSpeedWhileServing, trainingCoresWhileServing, speed,
                coldRequestSpeed);
    }

    /**
     * The device's work per CPU second while the other devices use {@code otherCoresBusy} of the {@code otherCores}
     * cores of the host besides the one it runs on: its CPU per unit of work grows linearly with that share, from 1
     * (idle) to {@code 1 / coRunnerSpeed} (all busy). 1 on a host of one core (no work runs beside it).
     */
    public double coRunnerSpeedAt(double otherCoresBusy, int otherCores) {
        if (otherCores < 1 || coRunnerSpeed == 1) {
            return 1.0;
        }
        double busyShare = Math.min(1.0, Math.max(0.0, otherCoresBusy) / otherCores);
        return 1.0 / (1.0 + (1.0 / coRunnerSpeed - 1.0) * busyShare);
    }

    /** Whether any term changes the model. */
    public boolean any() {
        return backToBackCpu != 1 || trainingSpeedWhileServing != 1 || trainingCoresWhileServing != 1
                || coRunnerSpeed != 1 || coldRequestSpeed != 1;
    }
}
