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
 *        as a fraction of its progress alone, in (0, 1]
 * @param trainingCoresWhileServing the share of a core each of training's threads gets while a request is in service
 *        on the device, in (0, 1]: it spends the budget and progresses that much slower. The request path's threads
 *        (the gRPC event loop beside the worker) share the host's cores with training, and the kernel serves them,
 *        short sleepers, first: beside training the agents' service kept up with about 275 req/s where the quota model
 *        with training at a whole core gives 205-216 (README "The twin's latency beside training")
 */
public record ColocationTerms(double backToBackCpu, double trainingSpeedWhileServing,
                              double trainingCoresWhileServing) {
    /** The quota model as it is. */
    public static final ColocationTerms NONE = new ColocationTerms(1, 1, 1);

    public ColocationTerms {
        Checks.fraction("backToBackCpu", backToBackCpu);
        Checks.fraction("trainingSpeedWhileServing", trainingSpeedWhileServing);
        Checks.fraction("trainingCoresWhileServing", trainingCoresWhileServing);
    }

    /** The first two terms, training at whole cores beside a request (profiles before the third was fitted). */
    public ColocationTerms(double backToBackCpu, double trainingSpeedWhileServing) {
        this(backToBackCpu, trainingSpeedWhileServing, 1);
    }

    /** The same terms with {@code trainingCoresWhileServing} set. */
    public ColocationTerms withTrainingCoresWhileServing(double cores) {
        return new ColocationTerms(backToBackCpu, trainingSpeedWhileServing, cores);
    }

    /** Whether any term changes the model. */
    public boolean any() {
        return backToBackCpu != 1 || trainingSpeedWhileServing != 1 || trainingCoresWhileServing != 1;
    }
}
