package io.deepedge.hw.coordinator;

import io.deepedge.hw.data.LabelledImages;
import io.deepedge.hw.rpc.AgentClient;
import io.deepedge.hw.train.NetworkSpec;
import io.deepedge.hw.train.ParameterServerStep;
import io.deepedge.models.Plan;
import io.deepedge.models.TrainingJob;
import io.deepedge.models.UncommittedTime;
import io.deepedge.models.monitoring.TrainingProgress;
import io.deepedge.policies.Decision;
import io.deepedge.policies.Trigger;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The job as the testbed carries it out, with the simulator's ({@code TrainingSim}) rules: the policy plans at
 * submission; a plan starts with its shard transfer, then synchronous rounds; a checkpoint after a round that ends
 * at least {@code checkpointEverySec} after the previous one; a device lost while it trains rolls the job back to
 * its last checkpoint (parameters, updater state, data position) and the policy re-plans over the survivors
 * ({@code device-failed}); plans decided while the job runs ({@code load-changed}) and recovered devices
 * ({@code device-recovered}) take over at the next safe point: the next checkpoint, or the next round boundary
 * without checkpoints; a postponement parks the job until the next trigger. Events from other threads (the load
 * monitor, the agent registry) are queued and handled between rounds, on the job's thread.
 */
final class TestbedJob {
    /** Something that happened elsewhere: a device lost or back, or the load monitor's re-plan verdict. */
    record Event(Kind kind, String device) {
        enum Kind { LOST, BACK, LOAD_CHANGED }
    }

    /** What the job needs of its run: the policy, device availability, the agents. */
    interface Run {
        /** Asks the policy now (snapshot of now, plan checked); counts the call. */
        Decision plan(Trigger trigger);

        boolean up(String device);

        AgentClient agent(String device);

        /** A call to {@code device} failed as if it were gone: blocks until the loss is confirmed (heartbeat timeout). */
        void lostByCall(String device) throws InterruptedException;

        double nowSec();
    }

    /** What the job achieved. */
    /** What the job achieved; {@code jobSec} is the job time at its end (from submission, resumes included). */
    record Outcome(boolean finished, String notFinishedReason, double endSec, double jobSec, long samplesTrained,
                   Plan finalPlan, double workLostSec) {
    }

    /** A progress report after a round. */
    record Progress(long round, long rounds, long samplesTrained, long totalSamples, double meanLoss, double elapsedSec) {
    }

    private enum Phase { WAITING, RUNNING, DONE }

    private final TrainingJob job;
    private final MultiLayerNetwork base;
    private final Rounds rounds;
    private final Run run;
    private final Path checkpointDir;
    private final TrainingIntervals intervals;
    private final Consumer<Progress> progress;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final UncommittedTime uncommitted = new UncommittedTime();
    private ParameterServerStep server;
    private volatile Phase phase = Phase.WAITING;
    private volatile Plan plan;
    private DataLayout layout;
    private boolean transferDue;
    private long round;
    private volatile long samplesDone;
    private int[] trainedCounts;
    private JobCheckpoint checkpoint;
    private double lastCheckpointSec;
    private boolean recoveredSinceSafePoint;
    private Decision pendingDecision;
    private String postponedBecause = "";
    private double workLostSec;
    private final double submitSec;
    private double jobSecBefore;
    private double finishJobSec = Double.NaN;
    private JobCheckpoint.RunSoFar resumedRun = JobCheckpoint.RunSoFar.NONE;
    /** The training timeline (replication 0 only), else null. */
    private TestbedTimeline timeline;
    private final TrainingCpuTally trainingCpu = new TrainingCpuTally();

    TestbedJob(TrainingJob job, LabelledImages train, NetworkSpec network, MultiLayerNetwork base, Run run,
               ExecutorService pool, Path checkpointDir, TrainingIntervals intervals, String shardPrefix,
               Consumer<Progress> progress) {
        this.job = job;
        this.rounds = new Rounds(train, network, pool, shardPrefix);
        this.base = base;
        this.run = run;
        this.checkpointDir = checkpointDir;
        this.intervals = intervals;
        this.progress = progress;
        this.submitSec = run.nowSec();
        this.checkpoint = JobCheckpoint.start(Math.toIntExact(job.samples()));
        this.server = new ParameterServerStep(base.clone());
        this.trainedCounts = checkpoint.trainedCounts().clone();
    }

    /** Records the job's training timeline into {@code t} (timeline.csv). */
    void timeline(TestbedTimeline t) {
        timeline = t;
    }

    private Rounds.RoundListener listener() {
        return timeline == null ? trainingCpu : new Rounds.RoundListener() {
            @Override
            public void round(Rounds.RoundTiming timing) {
                trainingCpu.round(timing);
                timeline.round(timing);
            }

            @Override
            public void checkpoint(double fromSec, double toSec) {
                timeline.checkpoint(fromSec, toSec);
            }
        };
    }

    /** Each device's training CPU over the job's finished gradient calls so far (runs.csv). */
    Map<String, io.deepedge.models.TrainingCpu> trainingCpu() {
        return trainingCpu.byDevice();
    }

    void post(Event e) {
        events.add(e);
    }

    /** The running job as the load monitor sees it: empty while it waits for a plan and once it finished. */
    Optional<TrainingProgress> progress() {
        Plan p = plan;
        return phase == Phase.RUNNING && p != null
                ? Optional.of(new TrainingProgress(p, job, samplesDone, Math.max(0, run.nowSec())))
                : Optional.empty();
    }

    ParameterServerStep server() {
        return server;
    }

    double workLostSec() {
        return workLostSec;
    }

    /** The job continues from {@code c} (a resumed run): its state, data position and what the run did before. */
    void resumeFrom(JobCheckpoint c) {
        checkpoint = c;
        resumedRun = c.run();
        jobSecBefore = c.run().jobSec();
        workLostSec = c.run().workLostSec();
        restore(c);
    }

    JobCheckpoint.RunSoFar resumedRun() {
        return resumedRun;
    }

    /** Job time: what the run did before a resume plus the time since this process submitted or resumed it. */
    double jobSec() {
        return jobSecBefore + run.nowSec() - submitSec;
    }

    /** Runs the job until it finished or the clock passed {@code horizonSec}. */
    Outcome run(double horizonSec, Trigger first) throws IOException, InterruptedException {
        replan(first);
        return loop(horizonSec);
    }

    /**
     * A resumed job: the plan in force at the checkpoint starts again (its shards re-sent to the new agent
     * processes) without asking the policy, so the resumed run makes the policy calls the uninterrupted run made.
     */
    Outcome resume(double horizonSec, Plan inForce) throws IOException, InterruptedException {
        apply(new Decision.Assign(inForce, List.of()), true);
        return loop(horizonSec);
    }

    private Outcome loop(double horizonSec) throws IOException, InterruptedException {
        while (phase != Phase.DONE && run.nowSec() < horizonSec) {
            if (phase == Phase.WAITING) {
                long waitMs = (long) Math.ceil((horizonSec - run.nowSec()) * 1000);
                Event e = events.poll(Math.max(1, waitMs), TimeUnit.MILLISECONDS);
                if (e != null) {
                    whileWaiting(e);
                }
                continue;
            }
            for (Event e = events.poll(); e != null && phase == Phase.RUNNING; e = events.poll()) {
                whileRunning(e);
            }
            if (phase == Phase.RUNNING) {
                step();
            }
        }
        return outcome();
    }

    private Outcome outcome() {
        if (phase == Phase.DONE) {
            return new Outcome(true, "", run.nowSec(), finishJobSec, samplesDone, plan, workLostSec);
        }
        intervals.stop(run.nowSec());
        String reason = phase == Phase.WAITING ? "postponed by the policy: " + postponedBecause : "horizon reached";
        return new Outcome(false, reason, run.nowSec(), jobSec(), samplesDone, plan, workLostSec);
    }

    private void whileWaiting(Event e) {
        switch (e.kind()) {
            case BACK -> replan(Trigger.DEVICE_RECOVERED);
            case LOAD_CHANGED -> replan(Trigger.LOAD_CHANGED);
            case LOST -> { }
        }
    }

    private void whileRunning(Event e) throws InterruptedException {
        switch (e.kind()) {
            case LOST -> {
                if (plan.devices().contains(e.device())) {
                    rollBackAndReplan();
                } else if (pendingDecision instanceof Decision.Assign pending
                        && pending.plan().devices().contains(e.device())) {
                    pendingDecision = run.plan(Trigger.DEVICE_FAILED);
                }
            }
            case BACK -> recoveredSinceSafePoint = true;
            case LOAD_CHANGED -> pendingDecision = run.plan(Trigger.LOAD_CHANGED);
        }
    }

    private void replan(Trigger trigger) {
        recoveredSinceSafePoint = false;
        apply(run.plan(trigger), true);
    }

    /** As the simulator: a new plan starts with its transfer; the same plan continues unless {@code restart}. */
    private void apply(Decision decision, boolean restart) {
        if (decision instanceof Decision.Assign assign) {
            Plan next = assign.plan();
            for (String d : next.devices()) {
                if (!run.up(d)) {
                    throw new IllegalStateException("plan " + next.render() + " applied at " + run.nowSec()
                            + " s names device " + d + ", which is down");
                }
            }
            uncommitted.run(jobSec());
            phase = Phase.RUNNING;
            if (next.equals(plan) && !restart) {
                return;
            }
            intervals.stop(run.nowSec());
            layout = DataLayout.start(next, job.samples(), job.iterationsPerEpoch(), round, layout);
            plan = next;
            transferDue = true;
        } else {
            intervals.stop(run.nowSec());
            if (timeline != null) {
                timeline.idle(run.nowSec());
            }
            plan = null;
            phase = Phase.WAITING;
            postponedBecause = ((Decision.Postpone) decision).reason();
            uncommitted.pause(jobSec());
        }
    }

    /** One step of a running job: the pending shard transfer, else one round, then what follows the round. */
    private void step() throws IOException, InterruptedException {
        if (transferDue) {
            if (timeline != null) {
                timeline.transferring(plan, run.nowSec());
            }
            Optional<String> lost = rounds.transfer(layout, round, run::agent);
            if (lost.isPresent()) {
                run.lostByCall(lost.get());
                rollBackAndReplan();
                return;
            }
            transferDue = false;
            lastCheckpointSec = run.nowSec();
            intervals.start(plan.devices(), run.nowSec());
        }
        layout = layout.atRound(round);
        Rounds.Outcome r = rounds.round(layout, round, server, trainedCounts, run::agent, run::nowSec, listener());
        if (r.lostDevice() != null) {
            run.lostByCall(r.lostDevice());
            rollBackAndReplan();
            return;
        }
        commit(r);
    }

    private void commit(Rounds.Outcome r) throws IOException {
        round++;
        samplesDone += r.examples();
        if (round % job.iterationsPerEpoch() == 0) {
            server.epochDone();
        }
        double now = run.nowSec();
        progress.accept(new Progress(round, job.totalIterations(), samplesDone, job.totalSamples(), r.meanLoss(),
                jobSec()));
        if (round == job.totalIterations()) {
            finish(now);
        } else if (job.checkpointEverySec() == 0) {
            atSafePoint();
        } else if (now - lastCheckpointSec >= job.checkpointEverySec()) {
            writeCheckpoint();
            lastCheckpointSec = run.nowSec();
            atSafePoint();
        }
    }

    private void finish(double now) {
        for (int i = 0; i < trainedCounts.length; i++) {
            if (trainedCounts[i] != job.epochs()) {
                throw new IllegalStateException("sample " + i + " was trained " + trainedCounts[i] + " times, expected "
                        + job.epochs() + ": the data position lost track (a defect)");
            }
        }
        phase = Phase.DONE;
        finishJobSec = jobSec();
        uncommitted.pause(finishJobSec);
        intervals.stop(now);
    }

    private void writeCheckpoint() throws IOException {
        double fromSec = run.nowSec();
        checkpoint = new JobCheckpoint(round, samplesDone, server.state(), trainedCounts.clone(), layout.parts(),
                runSoFar());
        if (checkpointDir != null) {
            Checkpoints.write(checkpointDir, checkpoint);
        }
        listener().checkpoint(fromSec, run.nowSec());
        uncommitted.commit(jobSec());
    }

    /** Filled in by the coordinator, which knows the policy calls and failures (see {@link Coordinator}). */
    private JobCheckpoint.RunSoFar runSoFar() {
        return runSoFarSource == null ? JobCheckpoint.RunSoFar.NONE : runSoFarSource.apply(this);
    }

    private java.util.function.Function<TestbedJob, JobCheckpoint.RunSoFar> runSoFarSource;

    void runSoFar(java.util.function.Function<TestbedJob, JobCheckpoint.RunSoFar> source) {
        this.runSoFarSource = source;
    }

    Plan plan() {
        return plan;
    }

    private void atSafePoint() {
        if (recoveredSinceSafePoint) {
            recoveredSinceSafePoint = false;
            pendingDecision = null;
            apply(run.plan(Trigger.DEVICE_RECOVERED), false);
        } else if (pendingDecision != null) {
            Decision d = pendingDecision;
            pendingDecision = null;
            apply(d, false);
        }
    }

    private void rollBackAndReplan() {
        intervals.stop(run.nowSec());
        if (timeline != null) {
            timeline.idle(run.nowSec());
        }
        workLostSec += uncommitted.sec(jobSec());
        uncommitted.commit(jobSec());
        pendingDecision = null;
        restore(checkpoint);
        replan(Trigger.DEVICE_FAILED);
    }

    private void restore(JobCheckpoint c) {
        if (c.state() == null) {
            server = new ParameterServerStep(base.clone());
        } else {
            server.restore(c.state());
        }
        round = c.round();
        samplesDone = c.samplesDone();
        trainedCounts = c.trainedCounts().clone();
        layout = c.layout() == null ? null : DataLayout.of(job.samples(), job.iterationsPerEpoch(), c.layout());
        plan = null;
    }
}
