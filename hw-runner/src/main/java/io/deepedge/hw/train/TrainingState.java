package io.deepedge.hw.train;

/**
 * Everything the parameter server needs to continue a job exactly where it stopped: parameters, updater state
 * and the counters the updater depends on (Adam's bias correction uses the iteration). The data position is
 * the coordinator's and is checkpointed beside this.
 *
 * @param params the network's parameters
 * @param updaterState the updater's state ({@code 0} floats for SGD, 1x params for Nesterovs, 2x for Adam)
 * @param iteration parameter updates applied so far
 * @param epoch epochs completed so far
 */
public record TrainingState(float[] params, float[] updaterState, int iteration, int epoch) {
    public TrainingState {
        if (iteration < 0 || epoch < 0) {
            throw new IllegalArgumentException("iteration and epoch must be >= 0 (" + iteration + ", " + epoch + ")");
        }
        params = params.clone();
        updaterState = updaterState.clone();
    }

    @Override
    public float[] params() {
        return params.clone();
    }

    @Override
    public float[] updaterState() {
        return updaterState.clone();
    }
}
