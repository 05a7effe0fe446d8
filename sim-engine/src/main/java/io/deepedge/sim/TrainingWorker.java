package io.deepedge.sim;

import io.deepedge.models.Plan;
import umontreal.ssj.simevents.Event;
import umontreal.ssj.simevents.Simulator;

/**
 * One planned device's part of the job: its local batch of each iteration as work that progresses at the
 * device's training rate, which drops while an LC request is in service there.
 */
final class TrainingWorker {
    private final Simulator sim;
    private final DeviceSim device;
    private final long share;
    private final Runnable onDone;
    private final ComputeFinished finished;
    private Work work;
    private long computingBatch;
    private long segmentSamples;
    private long segmentIterations = 1;
    private long segmentStart;
    /**
     * The batch in progress's CPU so far (NaN without a modelled quota), counted up to {@code cpuFromSec}, and the
     * cores its threads use since then: an abandoned batch's CPU is dropped, as the testbed has no reply to count.
     */
    private double batchCpuSec;
    private double cpuFromSec;
    private double cpuCores;
    /** The share of the batch in progress's work that is its compute (the rest: the round's own work). */
    private double computeShare;

    TrainingWorker(Simulator sim, DeviceSim device, long share, Runnable onDone) {
        this.sim = sim;
        this.device = device;
        this.share = share;
        this.onDone = onDone;
        this.finished = new ComputeFinished(sim);
    }

    DeviceSim device() {
        return device;
    }

    /** Samples of each epoch this device processes under the plan. */
    long share() {
        return share;
    }

    /** From iteration {@code start}, spread {@code samples} over the next {@code iterations} iterations. */
    void segment(long samples, long iterations, long start) {
        segmentSamples = samples;
        segmentIterations = iterations;
        segmentStart = start;
    }

    long batchAt(long globalIteration) {
        return Plan.localBatch(segmentSamples, segmentIterations, globalIteration - segmentStart);
    }

    /** Whether a local batch is being computed here now. */
    boolean computing() {
        return work != null;
    }

    void compute(long batch) {
        // the device learns first that training computes: under a CPU quota that sets the rate the batch starts at
        device.startTraining(batch);
        computingBatch = batch;
        // under a CPU quota the round's own work (parameters in, gradient out) spends the budget with the batch
        double batchSec = batch / device.device().profile().trainSamplesPerSecAt(batch);
        double roundWorkSec = device.device().profile().roundWorkSec();
        work = new Work(batchSec + roundWorkSec, sim.time(), device.trainingRate());
        // the work progresses at one rate throughout, so its CPU splits as its parts' times do; the testbed's figure
        // is the compute's alone (the parameters' decoding and the gradient's encoding lie outside it)
        computeShare = batchSec / (batchSec + roundWorkSec);
        batchCpuSec = 0;
        cpuFromSec = sim.time();
        cpuCores = device.trainingCpuCores();
        scheduleFinish(); // no batch was in progress: nothing to cancel
    }

    /** Adds the batch's CPU since the last change at the cores used then, and reads the cores used from now. */
    private void accrueCpu() {
        batchCpuSec += (sim.time() - cpuFromSec) * cpuCores;
        cpuFromSec = sim.time();
        cpuCores = device.trainingCpuCores();
    }

    /** The device's training rate changed (LC activity, CPU budget): the batch in progress continues at it. */
    void onRateChanged() {
        if (work == null) {
            return;
        }
        work.changeRate(sim.time(), device.trainingRate());
        accrueCpu();
        finished.cancel();
        scheduleFinish();
    }

    private void scheduleFinish() {
        if (!work.stalled()) {
            finished.schedule(work.delaySec());
        }
    }

    void abort() {
        if (work != null) {
            finished.cancel();
            work = null;
            device.stopTraining();
        }
    }

    /** The device leaves the plan: any batch in progress is abandoned and its services stop counting as co-located. */
    void release() {
        abort();
        device.leaveJob();
    }

    private void done() {
        accrueCpu();
        work = null;
        device.stopTraining();
        device.samplesTrained(computingBatch, batchCpuSec * computeShare);
        onDone.run();
    }

    private final class ComputeFinished extends Event {
        ComputeFinished(Simulator sim) {
            super(sim);
            setPriority(EventPriority.TRAINING);
        }

        @Override
        public void actions() {
            done();
        }
    }
}
