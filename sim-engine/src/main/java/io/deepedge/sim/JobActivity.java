package io.deepedge.sim;

/**
 * How many of a run's devices host the job's training now (see {@link DeviceSim#hostsTraining}): the job view of
 * the LC latencies counts the requests that arrive while this is above zero, on any device.
 */
final class JobActivity {
    private int devicesHosting;

    void deviceJoined() {
        devicesHosting++;
    }

    void deviceLeft() {
        if (devicesHosting == 0) {
            throw new IllegalStateException("a device left a job no device hosted");
        }
        devicesHosting--;
    }

    /** Whether the job's training runs on some device now. */
    boolean running() {
        return devicesHosting > 0;
    }
}
