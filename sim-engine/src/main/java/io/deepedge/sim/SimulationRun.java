package io.deepedge.sim;

import io.deepedge.models.Device;
import io.deepedge.models.Failure;
import io.deepedge.models.Plan;
import io.deepedge.models.Reliability;
import io.deepedge.models.RunResult;
import io.deepedge.models.Scenario;
import io.deepedge.models.ServiceInstance;
import io.deepedge.models.ServiceStats;
import io.deepedge.models.TrainingJob;
import io.deepedge.models.monitoring.TrainingProgress;
import io.deepedge.policies.Decision;
import io.deepedge.policies.DeviceState;
import io.deepedge.policies.PlanningRequest;
import io.deepedge.policies.SchedulingPolicy;
import io.deepedge.policies.ServiceLoad;
import io.deepedge.policies.Trigger;
import umontreal.ssj.simevents.Event;
import umontreal.ssj.simevents.Simulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One simulated run: a scenario, a policy and a replication's seed in, a {@link RunResult} out.
 * Builds its own {@link Simulator}; nothing is shared between runs, so runs may execute in parallel.
 */
public final class SimulationRun {
    private final Scenario scenario;
    private final SchedulingPolicy policy;
    private final RunSpec spec;
    private final Simulator sim = new Simulator(new HeapEventList());
    private final Map<String, DeviceSim> devices = new LinkedHashMap<>();
    private final List<LcQueue> queues = new ArrayList<>();
    private final PlanLog planLog = new PlanLog();
    private TrainingSim training;
    private LoadMonitor monitor;
    private int failures;

    private SimulationRun(Scenario scenario, SchedulingPolicy policy, RunSpec spec) {
        this.scenario = scenario;
        this.policy = policy;
        this.spec = spec;
    }

    /** Simulates {@code policy} on {@code scenario} for one replication. */
    public static RunResult simulate(Scenario scenario, SchedulingPolicy policy, RunSpec spec) {
        return new SimulationRun(scenario, policy, spec).run();
    }

    private RunResult run() {
        sim.init();
        RandomStreams streams = new RandomStreams(spec.seed());
        for (Device d : scenario.devices()) {
            devices.put(d.name(), new DeviceSim(d));
        }
        for (ServiceInstance s : scenario.services()) {
            LcQueue q = new LcQueue(s, devices.get(s.device()), sim, streams);
            queues.add(q);
            q.start();
        }
        monitor = new LoadMonitor(sim, queues, scenario.devices(), scenario.monitoring(), this::trainingProgress, () -> {
            if (training != null) {
                training.loadChanged();
            }
        });
        monitor.start();
        for (Failure f : scenario.failures()) {
            scheduleFailure(f);
        }
        for (DeviceSim d : devices.values()) {
            scheduleStochasticFailures(d, streams);
        }
        scenario.job().ifPresent(job -> {
            training = new TrainingSim(sim, job, scenario, devices, this::plan);
            training.submit();
        });
        new HorizonReached(sim).schedule(scenario.horizonSec());
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
    }

    private void recover(DeviceSim device) {
        if (device.recover() && training != null) {
            training.deviceRecovered();
        }
    }

    private Decision plan(Trigger trigger) {
        TrainingJob job = scenario.job().orElseThrow();
        List<DeviceState> states = new ArrayList<>();
        for (DeviceSim d : devices.values()) {
            states.add(new DeviceState(d.device(), d.up()));
        }
        List<ServiceLoad> loads = new ArrayList<>();
        for (int i = 0; i < queues.size(); i++) {
            loads.add(monitor.load(i));
        }
        PlanningRequest request = new PlanningRequest(sim.time(), states, loads, job, scenario.serverLink(),
                trigger, spec.seed(), scenario.monitoring());
        long start = System.nanoTime();
        Decision decision = policy.decide(request);
        planLog.record(System.nanoTime() - start, decision);
        if (decision instanceof Decision.Assign assign) {
            checkPlan(assign.plan(), job);
        }
        return decision;
    }

    /** A policy that breaks its contract is a defect: fail loudly rather than simulate nonsense. */
    private void checkPlan(Plan plan, TrainingJob job) {
        if (plan.totalSamples() != job.samples()) {
            throw new IllegalStateException("policy " + policy.id() + " planned " + plan.totalSamples()
                    + " samples, the job has " + job.samples());
        }
        for (String name : plan.devices()) {
            DeviceSim d = devices.get(name);
            if (d == null || !d.up()) {
                throw new IllegalStateException("policy " + policy.id() + " planned unavailable device " + name);
            }
        }
    }

    private RunResult result() {
        List<ServiceStats> stats = new ArrayList<>();
        List<double[]> all = new ArrayList<>();
        // sorted on the run's own thread: replications already run in parallel, one per --threads slot
        List<double[]> sortedByQueue = queues.stream().map(LcQueue::sortedLatenciesMs).toList();
        for (int i = 0; i < queues.size(); i++) {
            LcQueue q = queues.get(i);
            double[] sorted = sortedByQueue.get(i);
            all.add(sorted);
            stats.add(q.stats(sorted));
        }
        long misses = stats.stream().mapToLong(ServiceStats::misses).sum();
        boolean finished = training != null && training.finished();
        double retrainSec = finished ? training.finishSec() - scenario.job().orElseThrow().submitAtSec() : Double.NaN;
        Optional<Plan> first = planLog.firstPlan();
        String finalPlan = training == null || training.currentPlan() == null ? "" : training.currentPlan().render();
        return new RunResult(scenario.experiment(), "sim", policy.id(), spec.replication(), spec.seed(), finished,
                retrainSec, planLog.totalMs(), first.map(Plan::render).orElse(""), finalPlan, planLog.rejected(),
                first.map(Plan::size).orElse(0),
                LatencyRecorder.count(all), misses, LatencyRecorder.quantile(all, 0.50),
                LatencyRecorder.quantile(all, 0.95), LatencyRecorder.quantile(all, 0.99), failures, training == null ? 0 : training.workLostSec(),
                training == null ? 0 : training.samplesTrained(), Math.max(0, planLog.calls() - 1), Map.of(), stats);
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
