package io.deepedge.sim;

import io.deepedge.models.timeline.TimelineInterval;
import io.deepedge.models.timeline.TimelineRecorder;
import io.deepedge.models.timeline.TrainingState;
import umontreal.ssj.simevents.Simulator;

import java.util.List;
import java.util.Map;

/**
 * The training timeline of one simulated run (timeline.csv): from the job's submission to its end, each recorded
 * device's state as {@link TrainingSim#stateOf} and the device's up/down state define it, refreshed after every
 * event that can change a state (a phase's end, a batch computed, a failure, a recovery, a re-plan).
 */
final class SimTimeline {
    private final Simulator sim;
    private final Map<String, DeviceSim> devices;
    private final double startSec;
    private TrainingSim training;
    private TimelineRecorder recorder;

    SimTimeline(Simulator sim, Map<String, DeviceSim> devices, double startSec) {
        this.sim = sim;
        this.devices = devices;
        this.startSec = startSec;
    }

    void attach(TrainingSim job) {
        this.training = job;
    }

    /** Records every device's state now; nothing before the job's submission. */
    void refresh() {
        if (training == null || sim.time() < startSec) {
            return;
        }
        if (recorder == null) {
            recorder = new TimelineRecorder(List.copyOf(devices.keySet()), sim.time(), this::state);
            return;
        }
        if (training.finished()) {
            // the job's end closes the timeline: later failures are not the job's
            recorder.close(training.finishSec());
            return;
        }
        for (String d : recorder.devices()) {
            recorder.set(d, state(d), sim.time());
        }
    }

    private TrainingState state(String device) {
        DeviceSim d = devices.get(device);
        return d.up() ? training.stateOf(device) : TrainingState.FAILED;
    }

    /** The intervals up to {@code endSec} (the job's end); empty when the job was never submitted. */
    List<TimelineInterval> close(double endSec) {
        if (recorder == null) {
            return List.of();
        }
        if (!training.finished()) {
            refresh();
        }
        recorder.close(endSec);
        return recorder.intervals();
    }
}
