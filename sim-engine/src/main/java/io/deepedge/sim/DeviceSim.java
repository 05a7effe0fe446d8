package io.deepedge.sim;

import io.deepedge.models.Device;

import java.util.ArrayList;
import java.util.List;

/**
 * A simulated device: up or down, whether training computes on it now, how many of its LC instances
 * are serving a request; it tells its queues and its training worker when the other side changes.
 */
final class DeviceSim {
    private final Device device;
    private final List<LcQueue> queues = new ArrayList<>();
    /** Active reasons the device is down (scheduled and stochastic failures may overlap). */
    private int downCauses;
    private boolean trainingActive;
    private double activeServiceSlowdown = 1.0;
    private boolean everTrained;
    /** The device is part of the running job's plan: from its first computation until it leaves the plan. */
    private boolean hostsTraining;
    private int busyQueues;
    private Runnable onLcBusyChanged = () -> { };

    DeviceSim(Device device) {
        this.device = device;
    }

    Device device() {
        return device;
    }

    String name() {
        return device.name();
    }

    void addQueue(LcQueue queue) {
        queues.add(queue);
    }

    boolean up() {
        return downCauses == 0;
    }

    boolean trainingActive() {
        return trainingActive;
    }

    boolean everTrained() {
        return everTrained;
    }

    /**
     * Whether the job's training runs here now: the device computes, waits at the barrier or synchronises
     * under the plan in force. Requests arriving meanwhile form the co-location view.
     */
    boolean hostsTraining() {
        return hostsTraining;
    }

    /** The device left the running plan (plan changed, job parked, rolled back or finished). */
    void leaveJob() {
        hostsTraining = false;
    }

    /** Registers what to do when LC activity starts or stops (the training worker's rate changes). */
    void onLcBusyChanged(Runnable listener) {
        this.onLcBusyChanged = listener;
    }

    /** Training starts computing a local batch of {@code batch} samples here. */
    void startTraining(long batch) {
        activeServiceSlowdown = device.profile().serviceSlowdownAt(batch);
        hostsTraining = true;
        setTrainingActive(true);
    }

    void stopTraining() {
        setTrainingActive(false);
    }

    private void setTrainingActive(boolean active) {
        if (active == trainingActive) {
            return;
        }
        trainingActive = active;
        everTrained |= active;
        for (LcQueue q : queues) {
            q.onServiceRateChanged();
        }
    }

    /** LC service speed: slowed by the service slowdown at the current local batch while training computes here. */
    double serviceRate() {
        return trainingActive ? 1.0 / activeServiceSlowdown : 1.0;
    }

    /** Training speed: slowed by {@code trainingSlowdown} while any LC request is in service here. */
    double trainingRate() {
        return busyQueues > 0 ? 1.0 / device.profile().interference().trainingSlowdown() : 1.0;
    }

    void queueBusyChanged(boolean busy) {
        boolean before = busyQueues > 0;
        busyQueues += busy ? 1 : -1;
        if (before != (busyQueues > 0)) {
            onLcBusyChanged.run();
        }
    }

    /** One more cause of failure; returns true when the device went from up to down. */
    boolean fail() {
        downCauses++;
        if (downCauses > 1) {
            return false;
        }
        for (LcQueue q : queues) {
            q.dropAll();
        }
        return true;
    }

    /** One cause of failure ends; returns true when the device is up again. */
    boolean recover() {
        downCauses = Math.max(0, downCauses - 1);
        return downCauses == 0;
    }
}
