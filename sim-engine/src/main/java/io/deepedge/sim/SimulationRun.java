package io.deepedge.sim;

import io.deepedge.models.Device;
import io.deepedge.models.Failure;
import io.deepedge.models.Plan;
import io.deepedge.models.PlanCheck;
import io.deepedge.models.Reliability;
import io.deepedge.models.RunResult;
import io.deepedge.models.Scenario;
import io.deepedge.models.ServiceInstance;
import io.deepedge.models.ServiceStats;
import io.deepedge.models.TrainingJob;
import io.deepedge.models.metrics.LcTotals;
import io.deepedge.models.metrics.WindowLatencies;
import io.deepedge.models.monitoring.TrainingProgress;
import io.deepedge.policies.Decision;
import io.deepedge.policies.MonitoredRequests;
import io.deepedge.policies.PlanningRequest;
import io.deepedge.policies.SchedulingPolicy;
import io.deepedge.policies.Trigger;
import umontreal.ssj.simevents.Event;
import umontreal.ssj.simevents.Simulator;
import umontreal.ssj.simevents.eventlist.EventList;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One simulated run: a scenario, a policy and a replication's seed in, a {@link RunResult} out.
 * Builds its own {@link Simulator}; nothing is shared between runs, so runs may execute in parallel.
 * The run lasts until the job's end (finished, or the horizon) and at least until the end of the
 * scenario's metrics window, so every policy's LC metrics cover the same window.
 */
public final class SimulationRun {
    /** The replication whose runs record their training timeline (timeline.csv): one per policy and grid point. */
    public static final int TIMELINE_REPLICATION = 0;

    private final Scenario scenario;
    private final SchedulingPolicy policy;
    private final RunSpec spec;
    private final Simulator sim;
    private final Map<String, DeviceSim> devices = new LinkedHashMap<>();
    private final List<LcQueue> queues = new ArrayList<>();
    private final PlanLog planLog = new PlanLog();
    private TrainingSim training;
    private LoadMonitor monitor;
    private int failures;
    private boolean windowClosed;
    private SimTimeline timeline;

    private SimulationRun(Scenario scenario, SchedulingPolicy policy, RunSpec spec, EventList events) {
        this.scenario = scenario;
        this.policy = policy;
        this.spec = spec;
        this.sim = new Simulator(events);
    }

    /** Simulates {@code policy} on {@code scenario} for one replication. */
    public static RunResult simulate(Scenario scenario, SchedulingPolicy policy, RunSpec spec) {
        return new SimulationRun(scenario, policy, spec, new HeapEventList()).run(run -> { });
    }

    /**
     * For tests: the same run on another event list, with {@code probe} called once the run is wired and
     * before its clock starts (to observe queues or schedule extra events).
     */
    static RunResult simulate(Scenario scenario, SchedulingPolicy policy, RunSpec spec, EventList events,
                              Consumer<SimulationRun> probe) {
        return new SimulationRun(scenario, policy, spec, events).run(probe);
    }

    Simulator simulator() {
        return sim;
    }

    /** The simulated devices by name (for tests that look inside a run). */
    Map<String, DeviceSim> devices() {
        return devices;
    }

    List<LcQueue> queues() {
        return queues;
    }

    Optional<TrainingSim> training() {
        return Optional.ofNullable(training);
    }

    private RunResult run(Consumer<SimulationRun> probe) {
        sim.init();
        RandomStreams streams = new RandomStreams(spec.seed());
        // the quota-limited devices of a twin ran as agents on one machine: they share its cores
        Map<Integer, HostCpu> hosts = new java.util.HashMap<>();
        JobActivity jobActivity = new JobActivity();
        for (Device d : scenario.devices()) {
            DeviceSim device = new DeviceSim(d, sim, streams, hosts, spec.hostSpeed(), spec.hostTrace());
            device.countCfsOver(scenario.metrics());
            device.shareJobActivity(jobActivity);
            devices.put(d.name(), device);
        }
        for (ServiceInstance s : scenario.services()) {
            LcQueue q = new LcQueue(s, devices.get(s.device()), sim, streams, scenario.metrics());
            queues.add(q);
            q.start();
        }
        monitor = new LoadMonitor(sim, queues, scenario.devices(), scenario.monitoring(), this::trainingProgress, () -> {
            if (training != null) {
                training.loadChanged();
            }
        });
        if (scenario.job().isPresent()) {
            // the monitor only serves re-planning: without a job it has nothing to do
            monitor.start();
        }
        for (Failure f : scenario.failures()) {
            scheduleFailure(f);
        }
        for (DeviceSim d : devices.values()) {
            scheduleStochasticFailures(d, streams);
        }
        scenario.job().ifPresent(job -> {
            training = new TrainingSim(sim, job, scenario, devices, new PolicyPlanner(), this::jobFinished);
            if (spec.replication() == TIMELINE_REPLICATION) {
                timeline = new SimTimeline(sim, devices, job.submitAtSec());
                timeline.attach(training);
                training.onChange(timeline::refresh);
            }
            training.submit();
        });
        new WindowClosed(sim).schedule(scenario.metrics().toSec());
        new HorizonReached(sim).schedule(scenario.horizonSec());
        probe.accept(this);
        sim.start();
        return result();
    }

    /** The running job as the load monitor sees it; empty without a job, while it waits, and once it finished. */
    private Optional<TrainingProgress> trainingProgress() {
        if (training == null || training.finished() || training.currentPlan() == null) {
            return Optional.empty();
        }
        return Optional.of(new TrainingProgress(training.currentPlan(), scenario.job().orElseThrow(),
                training.samplesTrained(), sim.time()));
    }

    /** Requests still in the system are judged by their age; the run ends unless the job still runs. */
    private void closeWindow() {
        windowClosed = true;
        for (LcQueue q : queues) {
            q.closeWindow();
        }
        if (training == null || training.finished()) {
            sim.stop();
        }
    }

    /**
     * The job's end stops re-planning (the load monitor with it); the run ends with the job when the window has
     * ended already, or when there is no service to judge.
     */
    private void jobFinished() {
        monitor.stop();
        if (windowClosed || queues.isEmpty()) {
            sim.stop();
        }
    }

    private void scheduleFailure(Failure f) {
        DeviceSim device = devices.get(f.device());
        new DeviceStateChanged(sim, () -> fail(device)).schedule(f.atSec());
        if (f.recovers()) {
            new DeviceStateChanged(sim, () -> recover(device)).schedule(f.atSec() + f.downSec());
        }
    }

    /**
     * Stochastic failures from the device's own stream ({@code failures:<device>}): exponential times to
     * failure and to repair, alternating for the whole run.
     */
    private void scheduleStochasticFailures(DeviceSim device, RandomStreams streams) {
        Reliability r = device.device().reliability();
        if (!r.fails()) {
            return;
        }
        var stream = streams.stream("failures:" + device.name());
        DeviceStateChanged[] next = new DeviceStateChanged[2];
        next[0] = new DeviceStateChanged(sim, () -> {
            fail(device);
            next[1].schedule(-r.mttrSec() * Math.log1p(-stream.nextDouble()));
        });
        next[1] = new DeviceStateChanged(sim, () -> {
            recover(device);
            next[0].schedule(-r.mtbfSec() * Math.log1p(-stream.nextDouble()));
        });
        next[0].schedule(-r.mtbfSec() * Math.log1p(-stream.nextDouble()));
    }

    private void fail(DeviceSim device) {
        if (!device.fail()) {
            return;
        }
        failures++;
        if (training != null) {
            training.deviceFailed(device.name());
        }
        if (timeline != null) {
            timeline.refresh();
        }
    }

    private void recover(DeviceSim device) {
        if (device.recover() && training != null) {
            training.deviceRecovered();
        }
        if (timeline != null) {
            timeline.refresh();
        }
    }

    private Decision plan(Trigger trigger) {
        PlanningRequest request = MonitoredRequests.request(sim.time(), scenario.devices(),
                name -> devices.get(name).up(), queues.stream().map(LcQueue::instance).toList(), monitor.watch(),
                scenario.job().orElseThrow(), scenario.serverLink(), trigger, spec.seed(), scenario.monitoring());
        long start = System.nanoTime();
        Decision decision = policy.decide(request);
        planLog.record(System.nanoTime() - start, decision);
        if (decision instanceof Decision.Assign assign) {
            checkPlan(assign.plan(), "planned");
        }
        return decision;
    }

    /** A policy or mechanism that breaks the plan contract is a defect: fail loudly rather than simulate nonsense. */
    private void checkPlan(Plan plan, String when) {
        List<String> problems = PlanCheck.problems(plan, scenario.job().orElseThrow(), name -> devices.get(name) != null
                && devices.get(name).up());
        if (!problems.isEmpty()) {
            throw new IllegalStateException("policy " + policy.id() + ": plan " + plan.render() + " " + when + " at "
                    + sim.time() + " s: " + String.join("; ", problems));
        }
    }

    private RunResult result() {
        // summarised on the run's own thread: replications already run in parallel, one per --threads slot
        List<ServiceStats> stats = queues.stream().map(LcQueue::stats).toList();
        LcTotals lc = WindowLatencies.totals(queues.stream().map(LcQueue::latencies).toList());
        boolean finished = training != null && training.finished();
        double submitSec = scenario.job().map(TrainingJob::submitAtSec).orElse(Double.NaN);
        double retrainSec = finished ? training.finishSec() - submitSec : Double.NaN;
        double retrainLowerBoundSec = finished ? retrainSec : scenario.horizonSec() - submitSec;
        Optional<Plan> first = planLog.firstPlan();
        String finalPlan = training == null || training.currentPlan() == null ? "" : training.currentPlan().render();
        String notFinished = training == null ? "no training job" : training.notFinishedReason();
        // the timeline spans the job: from its submission to its end (finished, or the run's end)
        List<io.deepedge.models.timeline.TimelineInterval> intervals = timeline == null ? List.of()
                : timeline.close(finished ? training.finishSec() : sim.time());
        return new RunResult(scenario.experiment(), "sim", policy.id(), spec.replication(), spec.seed(), finished,
                notFinished, retrainSec, retrainLowerBoundSec, planLog.totalMs(), first.map(Plan::render).orElse(""),
                finalPlan, planLog.rejected(), first.map(Plan::size).orElse(0), lc.requests(), lc.misses(), lc.p50Ms(),
                lc.p95Ms(), lc.p99Ms(), failures, training == null ? 0 : training.workLostSec(),
                training == null ? 0 : training.samplesTrained(), Math.max(0, planLog.calls() - 1), Map.of(), stats)
                .withTimeline(intervals).withCfs(cfsCounts()).withTrainingCpu(trainingCpu());
    }

    private Map<String, io.deepedge.models.TrainingCpu> trainingCpu() {
        Map<String, io.deepedge.models.TrainingCpu> cpu = new java.util.TreeMap<>();
        devices.forEach((name, d) -> d.trainingCpu().ifPresent(c -> cpu.put(name, c)));
        return cpu;
    }

    private Map<String, io.deepedge.models.CfsCounts> cfsCounts() {
        Map<String, io.deepedge.models.CfsCounts> counts = new java.util.TreeMap<>();
        devices.forEach((name, d) -> d.cfsCounts().ifPresent(c -> counts.put(name, c)));
        return counts;
    }

    /** The policy as the training job sees it: asked with a snapshot of now, its plans checked when applied too. */
    private final class PolicyPlanner implements TrainingSim.Planner {
        @Override
        public Decision plan(Trigger trigger) {
            return SimulationRun.this.plan(trigger);
        }

        @Override
        public void checkApplicable(Plan plan) {
            checkPlan(plan, "applied");
        }
    }

    private static final class DeviceStateChanged extends Event {
        private final Runnable change;

        DeviceStateChanged(Simulator sim, Runnable change) {
            super(sim);
            this.change = change;
            setPriority(EventPriority.DEVICE_STATE);
        }

        @Override
        public void actions() {
            change.run();
        }
    }

    private final class WindowClosed extends Event {
        WindowClosed(Simulator sim) {
            super(sim);
            setPriority(EventPriority.WINDOW_END);
        }

        @Override
        public void actions() {
            closeWindow();
        }
    }

    private static final class HorizonReached extends Event {
        HorizonReached(Simulator sim) {
            super(sim);
            setPriority(EventPriority.HORIZON);
        }

        @Override
        public void actions() {
            simulator().stop();
        }
    }
}
