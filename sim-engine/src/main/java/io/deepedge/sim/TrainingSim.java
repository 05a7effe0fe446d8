package io.deepedge.sim;

import io.deepedge.models.Assignment;
import io.deepedge.models.Device;
import io.deepedge.models.DeviceOverhead;
import io.deepedge.models.Link;
import io.deepedge.models.Plan;
import io.deepedge.models.Scenario;
import io.deepedge.models.SyncCost;
import io.deepedge.models.TrainingJob;
import io.deepedge.models.UncommittedTime;
import io.deepedge.policies.Decision;
import io.deepedge.policies.Trigger;
import umontreal.ssj.simevents.Event;
import umontreal.ssj.simevents.Simulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The synchronous data-parallel job as the simulator carries it out: shard transfer, then per iteration
 * every planned device computes its local batch, waits at the barrier, and the synchronisation costs what
 * the topology implies plus the slowest computing device's own work per round ({@link DeviceOverhead}; the
 * transfer likewise adds each device's loading of its samples); checkpoints every {@code checkpointEverySec}. A failed device rolls the job back to
 * its last checkpoint and the policy re-plans over the survivors. Plans decided while the job runs (load
 * changes, recoveries) take over at the next safe point: the next checkpoint, or the next iteration boundary
 * without checkpoints. Knows nothing of which policy plans.
 */
final class TrainingSim {
    private enum Phase { NOT_SUBMITTED, WAITING, TRANSFER, COMPUTE, SYNC, CHECKPOINT, DONE }

    private final Simulator sim;
    private final TrainingJob job;
    private final Scenario scenario;
    private final Map<String, DeviceSim> devices;
    private final Planner planner;
    private final Runnable onFinished;
    private final PhaseEnded phaseEnded;
    private final Map<String, TrainingWorker> workers = new LinkedHashMap<>();
    private Phase phase = Phase.NOT_SUBMITTED;
    private Plan plan;
    private long iteration;
    private long samplesDone;
    private long samplesInFlight;
    private int computing;
    /**
     * The computing devices' own work in this iteration's synchronisation (the slowest of them; devices without a
     * sample this iteration get no parameters, as on the testbed).
     */
    private double roundOverheadSec;
    private long epochSamplesDone;
    private long checkpointIteration;
    private long checkpointSamples;
    private long checkpointEpochSamples;
    private final UncommittedTime uncommitted = new UncommittedTime();
    private double lastCheckpointSec;
    private boolean recoveredSinceSafePoint;
    /** A training device failed and the barrier has not noticed yet: nothing may complete. */
    private boolean stalled;
    private Decision pendingDecision;
    /** The policy's words for the postponement the job waits on (null while it does not wait). */
    private String postponedBecause;
    private double workLostSec;
    private double finishSec = Double.NaN;
    /** Runs after every change of the job's state (the timeline's refresh); nothing by default. */
    private Runnable changed = () -> { };

    /** {@code onFinished} runs when the job's last iteration is committed. */
    TrainingSim(Simulator sim, TrainingJob job, Scenario scenario, Map<String, DeviceSim> devices, Planner planner,
                Runnable onFinished) {
        this.sim = sim;
        this.job = job;
        this.scenario = scenario;
        this.devices = devices;
        this.planner = planner;
        this.onFinished = onFinished;
        this.phaseEnded = new PhaseEnded(sim);
        for (DeviceSim d : devices.values()) {
            d.onLcBusyChanged(() -> {
                TrainingWorker w = workers.get(d.name());
                if (w != null) {
                    w.onRateChanged();
                }
            });
        }
    }

    /** {@code listener} runs after every event that may change a device's {@link #stateOf}. */
    void onChange(Runnable listener) {
        this.changed = listener;
    }

    /**
     * What {@code device} does for the job now, if it is up: idle outside the running plan (or while the job is
     * not submitted, waits for a plan, or is done); in it, the phase's state, except that a device done with its
     * batch waits at the barrier, as every device does while a failed device stalls the job.
     */
    io.deepedge.models.timeline.TrainingState stateOf(String device) {
        TrainingWorker w = workers.get(device);
        if (w == null || phase == Phase.NOT_SUBMITTED || phase == Phase.WAITING || phase == Phase.DONE) {
            return io.deepedge.models.timeline.TrainingState.IDLE;
        }
        if (w.computing()) {
            return io.deepedge.models.timeline.TrainingState.COMPUTE;
        }
        if (stalled || phase == Phase.COMPUTE) {
            return io.deepedge.models.timeline.TrainingState.BARRIER;
        }
        return switch (phase) {
            case TRANSFER -> io.deepedge.models.timeline.TrainingState.TRANSFER;
            case SYNC -> io.deepedge.models.timeline.TrainingState.SYNC;
            default -> io.deepedge.models.timeline.TrainingState.CHECKPOINT;
        };
    }

    void submit() {
        new JobSubmitted(sim).schedule(job.submitAtSec());
    }

    boolean finished() {
        return phase == Phase.DONE;
    }

    double finishSec() {
        return finishSec;
    }

    long samplesTrained() {
        return samplesDone;
    }

    double workLostSec() {
        return workLostSec;
    }

    /** Asks the policy now, with every change so far known, and carries the answer out at once. */
    private void replan(Trigger trigger) {
        recoveredSinceSafePoint = false;
        apply(planner.plan(trigger), true);
    }

    /**
     * Carries out a decision at a point where no computation is in flight: a new plan starts (with its shard
     * transfer), the same plan continues, a postponement parks the job until the next trigger. The plan is
     * checked again here, when it is applied, not only when the policy answered. {@code restart} makes even
     * the same plan start over with its transfer (after a rollback or a wait).
     */
    private void apply(Decision decision, boolean restart) {
        if (decision instanceof Decision.Assign assign) {
            planner.checkApplicable(assign.plan());
            uncommitted.run(sim.time());
            if (assign.plan().equals(plan) && !restart) {
                startIteration();
            } else {
                startPlan(assign.plan());
            }
        } else {
            park(((Decision.Postpone) decision).reason());
        }
    }

    /** The job waits for the next trigger; its progress is kept, and waiting is not work that can be lost. */
    private void park(String reason) {
        releaseWorkers();
        plan = null;
        phase = Phase.WAITING;
        postponedBecause = reason;
        uncommitted.pause(sim.time());
    }

    private void releaseWorkers() {
        for (TrainingWorker w : workers.values()) {
            w.release();
        }
        workers.clear();
    }

    /**
     * Why the job has not finished (at the horizon), for runs.csv; "" once it finished. A waiting job gives
     * the policy's own reason for its last postponement, so a run where no plan was ever made says why.
     */
    String notFinishedReason() {
        return switch (phase) {
            case DONE -> "";
            case NOT_SUBMITTED -> "horizon reached before the job was submitted";
            case WAITING -> "postponed by the policy: " + postponedBecause;
            default -> stalled ? "horizon reached while a failed training device stalled the job"
                    + " (heartbeat timeout not yet over)" : "horizon reached";
        };
    }

    Plan currentPlan() {
        return plan;
    }

    private void startPlan(Plan next) {
        releaseWorkers();
        plan = next;
        for (Assignment a : next.assignments()) {
            workers.put(a.device(), new TrainingWorker(sim, devices.get(a.device()), a.samples(), this::computeFinished));
        }
        if (iteration % job.iterationsPerEpoch() != 0) {
            splitRestOfEpoch();
        }
        double transferSec = 0;
        for (Assignment a : next.assignments()) {
            Device device = devices.get(a.device()).device();
            transferSec = Math.max(transferSec, SyncCost.shardTransferSeconds(job.sampleBytes(), a.samples(),
                    device.link(), device.profile().overhead()));
        }
        phase = Phase.TRANSFER;
        phaseEnded.schedule(transferSec);
    }

    /**
     * A plan that starts mid-epoch (after a rollback or re-plan) splits exactly the samples the epoch still
     * owes, in proportion to the new shares, over the epoch's remaining iterations: samples are conserved.
     */
    private void splitRestOfEpoch() {
        long owed = job.samples() - epochSamplesDone;
        long remainingIterations = job.iterationsPerEpoch() - iteration % job.iterationsPerEpoch();
        List<TrainingWorker> list = new ArrayList<>(workers.values());
        double[] weights = list.stream().mapToDouble(TrainingWorker::share).toArray();
        long[] rest = io.deepedge.models.Shares.largestRemainder(owed, weights);
        for (int i = 0; i < rest.length; i++) {
            list.get(i).segment(rest[i], remainingIterations, iteration);
        }
    }

    private void startIteration() {
        phase = Phase.COMPUTE;
        if (iteration % job.iterationsPerEpoch() == 0) {
            for (TrainingWorker w : workers.values()) {
                w.segment(w.share(), job.iterationsPerEpoch(), iteration);
            }
        }
        samplesInFlight = 0;
        computing = 0;
        roundOverheadSec = 0;
        for (TrainingWorker w : workers.values()) {
            long batch = w.batchAt(iteration);
            samplesInFlight += batch;
            if (batch > 0) {
                computing++;
                // the largest wait for the devices' own work over the computing devices, without a list per
                // iteration; under a CPU quota that work is part of the device's batch instead (TrainingWorker)
                roundOverheadSec = Math.max(roundOverheadSec, w.device().device().profile().roundWaitSec());
                w.compute(batch);
            }
        }
        if (computing == 0) {
            barrierReached();
        }
    }

    private void computeFinished() {
        if (--computing == 0 && !stalled) {
            barrierReached();
        }
        changed.run();
    }

    private void barrierReached() {
        phase = Phase.SYNC;
        List<Link> links = new ArrayList<>();
        for (TrainingWorker w : workers.values()) {
            links.add(w.device().device().link());
        }
        phaseEnded.schedule(SyncCost.seconds(job.topology(), job.parameterBytes(), links, scenario.serverLink())
                + roundOverheadSec);
    }

    private void iterationCommitted() {
        iteration++;
        samplesDone += samplesInFlight;
        epochSamplesDone = iteration % job.iterationsPerEpoch() == 0 ? 0 : epochSamplesDone + samplesInFlight;
        if (iteration == job.totalIterations()) {
            finish();
        } else if (job.checkpointEverySec() == 0) {
            // without checkpoints every iteration boundary is a safe point
            atSafePoint();
        } else if (sim.time() - lastCheckpointSec >= job.checkpointEverySec()) {
            phase = Phase.CHECKPOINT;
            phaseEnded.schedule(SyncCost.checkpointSeconds(job.parameterBytes(), scenario.serverLink()));
        } else {
            startIteration();
        }
    }

    private void finish() {
        phase = Phase.DONE;
        finishSec = sim.time();
        releaseWorkers();
        uncommitted.pause(sim.time());
        onFinished.run();
    }

    private void checkpointWritten() {
        checkpointIteration = iteration;
        checkpointSamples = samplesDone;
        checkpointEpochSamples = epochSamplesDone;
        uncommitted.commit(sim.time());
        lastCheckpointSec = sim.time();
        atSafePoint();
    }

    /**
     * No computation is in flight and nothing would be lost by a change of plan: a recovered device is offered
     * to the policy now, else a plan decided since the last safe point takes over, else the job goes on.
     */
    private void atSafePoint() {
        if (recoveredSinceSafePoint) {
            recoveredSinceSafePoint = false;
            pendingDecision = null;
            apply(planner.plan(Trigger.DEVICE_RECOVERED), false);
        } else if (pendingDecision != null) {
            Decision d = pendingDecision;
            pendingDecision = null;
            apply(d, false);
        } else {
            startIteration();
        }
    }

    private void onPhaseEnded() {
        if (stalled) {
            return;
        }
        switch (phase) {
            case TRANSFER -> {
                lastCheckpointSec = sim.time();
                startIteration();
            }
            case SYNC -> iterationCommitted();
            case CHECKPOINT -> checkpointWritten();
            default -> throw new IllegalStateException("phase end in " + phase);
        }
    }

    /**
     * A device failed: if it trains, the job stalls (the barrier cannot complete without it) and, once the
     * barrier's heartbeat timeout notices, rolls back to its last checkpoint and re-plans, which also drops
     * any plan waiting for the next safe point. If only the plan waiting for the next safe point uses it, that
     * plan is void: the policy is asked again now, with the failure known.
     */
    void deviceFailed(String device) {
        boolean running = phase == Phase.TRANSFER || phase == Phase.COMPUTE || phase == Phase.SYNC
                || phase == Phase.CHECKPOINT;
        if (!running) {
            return;
        }
        if (workers.containsKey(device)) {
            stall(device);
        } else if (!stalled && pendingDecision instanceof Decision.Assign pending
                && pending.plan().devices().contains(device)) {
            pendingDecision = planner.plan(Trigger.DEVICE_FAILED);
        }
        changed.run();
    }

    private void stall(String device) {
        workers.get(device).abort();
        if (stalled) {
            return;
        }
        stalled = true;
        if (job.heartbeatTimeoutSec() > 0) {
            new FailureDetected(sim).schedule(job.heartbeatTimeoutSec());
        } else {
            rollBackAndReplan();
        }
    }

    private void rollBackAndReplan() {
        stalled = false;
        phaseEnded.cancel();
        for (TrainingWorker w : workers.values()) {
            w.abort();
        }
        workLostSec += uncommitted.sec(sim.time());
        uncommitted.commit(sim.time());
        pendingDecision = null;
        iteration = checkpointIteration;
        samplesDone = checkpointSamples;
        epochSamplesDone = checkpointEpochSamples;
        replan(Trigger.DEVICE_FAILED);
    }

    /**
     * A monitored rate left its forecast band: the policy is asked now; a running job moves to the answer
     * at its next checkpoint (next iteration without checkpoints), a waiting job at once.
     */
    void loadChanged() {
        if (phase == Phase.WAITING) {
            replan(Trigger.LOAD_CHANGED);
        } else if (phase != Phase.NOT_SUBMITTED && phase != Phase.DONE) {
            pendingDecision = planner.plan(Trigger.LOAD_CHANGED);
        }
        changed.run();
    }

    /**
     * A device came back: offered to the policy now if the job waits, else at the next safe point (the next
     * checkpoint, or the next iteration boundary without checkpoints).
     */
    void deviceRecovered() {
        if (phase == Phase.WAITING) {
            replan(Trigger.DEVICE_RECOVERED);
        } else if (phase != Phase.NOT_SUBMITTED && phase != Phase.DONE) {
            recoveredSinceSafePoint = true;
        }
        changed.run();
    }

    /** Asks the policy for a plan and checks plans; implemented by the run, which knows the policy and the snapshot. */
    interface Planner {
        Decision plan(Trigger trigger);

        /** Fails loudly when {@code plan} cannot be carried out now (a device of it is down). */
        void checkApplicable(Plan plan);
    }

    private final class PhaseEnded extends Event {
        PhaseEnded(Simulator sim) {
            super(sim);
            setPriority(EventPriority.TRAINING);
        }

        @Override
        public void actions() {
            onPhaseEnded();
            changed.run();
        }
    }

    private final class FailureDetected extends Event {
        FailureDetected(Simulator sim) {
            super(sim);
            setPriority(EventPriority.DEVICE_STATE);
        }

        @Override
        public void actions() {
            rollBackAndReplan();
            changed.run();
        }
    }

    private final class JobSubmitted extends Event {
        JobSubmitted(Simulator sim) {
            super(sim);
            setPriority(EventPriority.TRAINING);
        }

        @Override
        public void actions() {
            replan(Trigger.JOB_SUBMITTED);
            changed.run();
        }
    }
}
