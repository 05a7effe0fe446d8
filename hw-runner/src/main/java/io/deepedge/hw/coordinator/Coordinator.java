package io.deepedge.hw.coordinator;

import io.deepedge.hw.cluster.AgentCluster;
import io.deepedge.hw.load.RunClock;
import io.deepedge.hw.local.HostProbeProcess;
import io.deepedge.hw.local.LocalCluster;
import io.deepedge.hw.rpc.AgentClient;
import io.deepedge.hw.rpc.CallDeadlines;
import io.deepedge.hw.rpc.RemoteCallException;
import io.deepedge.hw.rpc.RpcLimits;
import io.deepedge.hw.rpc.ServiceSpec;
import io.deepedge.hw.train.Accuracy;
import io.deepedge.hw.train.NetworkSpec;
import io.deepedge.models.Assignment;
import io.deepedge.models.HostProbe;
import io.deepedge.models.Plan;
import io.deepedge.models.RunResult;
import io.deepedge.models.Scenario;
import io.deepedge.models.TrainingJob;
import io.deepedge.models.monitoring.LoadWatch;
import io.deepedge.models.timeline.RoundCall;
import io.deepedge.models.timeline.TimelineInterval;
import io.deepedge.policies.PolicyRegistry;
import io.deepedge.policies.Trigger;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Carries out one run (policy x replication) of a scenario on running agents ({@link AgentCluster}: the local
 * cluster or remote agents), one agent per device:
 * LC services start, every agent is warmed up ({@link AgentWarmUp}), the run clock starts (time 0 of the scenario), the load generators follow the config's
 * arrivals until the metrics window's end; at {@code training.submitAtSec} the same policy the simulator uses plans
 * the job, and {@link TestbedJob} carries it out with the simulator's rules for re-planning (a {@link LoadWatch}
 * fed every monitoring interval with the generators' arrival counts), failures (the config's {@code failures} kill
 * agents of a {@link LocalCluster}; a lost agent is found by heartbeat timeout or a failed call; rollback to the
 * last checkpoint) and recoveries (a restarted agent registers again and is offered to the policy at the next safe
 * point).
 */
public final class Coordinator {
    private static final System.Logger LOG = System.getLogger(Coordinator.class.getName());

    private final AgentCluster cluster;
    private final TestbedData data;
    private final NetworkSpec network;
    private final PrintWriter progress;
    private final TestbedSetup setup;
    private final AgentRegistry registry;
    /** The host-speed probe the runs read, or null (remote agents, tests). */
    private HostProbeProcess hostProbe;

    /** @param setup what the policy plans with and what each LC service serves */
    public Coordinator(AgentCluster cluster, TestbedData data, NetworkSpec network, PrintWriter progress,
                       TestbedSetup setup) {
        this(cluster, data, network, progress, setup, null);
    }

    /**
     * @param registry where the agents register and heartbeat (null: losses are found by failed calls only, and a
     *        restarted agent is not noticed)
     */
    public Coordinator(AgentCluster cluster, TestbedData data, NetworkSpec network, PrintWriter progress,
                       TestbedSetup setup, AgentRegistry registry) {
        this.cluster = cluster;
        this.data = data;
        this.network = network;
        this.progress = progress;
        this.setup = setup;
        this.registry = registry;
    }

    /**
     * Has every run record what {@code probe} measured during its training job ({@link HostProbe}; none without a
     * probe, the default).
     */
    public void hostProbe(HostProbeProcess probe) {
        this.hostProbe = probe;
    }

    public RunResult run(Scenario scenario, String policyId, int replication, long seed)
            throws IOException, InterruptedException {
        return run(scenario, policyId, replication, seed, cluster.workDir(), false);
    }

    /**
     * One run, checkpointing into {@code checkpointDir}; with {@code resume}, a run a killed coordinator left
     * continues from the checkpoint there (when there is one; else it starts over).
     */
    public RunResult run(Scenario scenario, String policyId, int replication, long seed, Path checkpointDir,
                         boolean resume) throws IOException, InterruptedException {
        return run(scenario, policyId, replication, seed, checkpointDir, resume, false);
    }

    /**
     * An untimed rehearsal of a run ({@link Rehearsal}): the same policy, seed, arrivals and job as the run, without
     * failures, cut to {@link Rehearsal#MAX_SEC} after the job's submission, without the accuracy evaluations;
     * checkpoints go to {@code scratchDir} (the caller removes it). Nothing of it is a result.
     */
    public void rehearse(Scenario scenario, String policyId, int replication, long seed, Path scratchDir)
            throws IOException, InterruptedException {
        run(Rehearsal.of(scenario), policyId, replication, seed, scratchDir, false, true);
    }

    private RunResult run(Scenario scenario, String policyId, int replication, long seed, Path checkpointDir,
                          boolean resume, boolean rehearsal) throws IOException, InterruptedException {
        TrainingJob job = scenario.job().orElseThrow(() -> new IllegalArgumentException("the scenario has no training job"));
        Optional<JobCheckpoint> from = resume ? Checkpoints.read(checkpointDir) : Optional.empty();
        TestbedData.Drifted drifted = data.drifted(seed, job.samples());
        // a rehearsal's figures are discarded: it spends no time on the test set
        double accuracyBefore = rehearsal ? Double.NaN : Accuracy.of(data.base(), drifted.test());
        double startSec = from.map(c -> c.run().runSec()).orElse(0.0);
        RunContext ctx = new RunContext(scenario, PolicyRegistry.get(policyId), seed, connect(scenario), registry,
                setup.figures());
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, ctx.agents.size()));
        try {
            startServices(scenario, ctx.agents);
            AgentWarmUp.run(ctx.agents, cluster, scenario.services(), network, data.base().params().toFloatVector(),
                    job.batchSize(), data.original().train(), drifted.test());
            RunClock clock = startSec == 0 ? RunClock.start() : resumedClock(startSec);
            ctx.clock = clock;
            LcLoad load = LcLoad.start(scenario.services(), cluster, seed, scenario.metrics(), scenario.horizonSec(),
                    clock, drifted.test(), startSec, setup.arrivals());
            FailureInjector injector = injector(scenario, clock, startSec);
            CfsWindow cfs = CfsWindow.start(cluster, ctx.agents, scenario.metrics(), clock);
            try {
                ctx.load = load;
                // the watch judges SLO risk with the figures the policy plans with (in the instances' order)
                Scenario planning = setup.figures().planningScenario(scenario);
                ctx.watch = new LoadWatch(planning.services(), planning.devices(), scenario.monitoring());
                listen(ctx);
                injector.start();
                JobOutcome j = runJob(ctx, job, replication, drifted, pool, checkpointDir, from, injector);
                LcLoad.Outcome lc = load.finish(ctx.intervals);
                Map<String, io.deepedge.models.CfsCounts> cfsCounts = cfs.counts();
                // only once the LC load has ended: evaluating the test set takes this process's cores for seconds,
                // and with the job done early the services' requests still ran (2026-11-30: host busy 1.9 of 2
                // cores for ~10 s inside the window, classifier p95 ~200 ms on an agent that trained nothing)
                double accuracyAfter = j.trained() == null || rehearsal ? Double.NaN
                        : Accuracy.of(j.trained(), drifted.test());
                int failures = from.map(c -> c.run().failures()).orElse(0) + injector.kills();
                // the host's speed second by second over the whole run (the LC load's too), for a twin to replay
                List<io.deepedge.models.HostProbeStep> hostSteps = hostProbe == null ? List.of()
                        : hostProbe.steps(clock.originNanos(), System.nanoTime());
                RunResult r = result(scenario, policyId, replication, seed, j, lc, accuracyBefore, accuracyAfter,
                        failures).withCfs(cfsCounts).withHostSteps(hostSteps);
                if (progress != null && !rehearsal && !r.services().isEmpty()) {
                    progress.println(LcPath.line(r.services(), cfs.agentRequests()));
                    progress.flush();
                }
                return r;
            } finally {
                cfs.close();
                if (registry != null) {
                    registry.listener(null);
                }
                load.close();
                injector.close();
                stopServices(ctx.agents);
            }
        } finally {
            pool.shutdownNow();
            ctx.agents.values().forEach(AgentClient::close);
        }
    }

    /** Failures are injected by killing and restarting agents: only agents this process started can be. */
    private FailureInjector injector(Scenario scenario, RunClock clock, double fromSec) {
        if (cluster instanceof LocalCluster local) {
            return new FailureInjector(scenario.failures(), local, clock, fromSec);
        }
        if (!scenario.failures().isEmpty()) {
            throw new IllegalStateException("failures need agents this process started (--local)");
        }
        return new FailureInjector(List.of(), null, clock, fromSec);
    }

    /** A clock whose time 0 lies {@code sec} in the past: a resumed run's clock continues from its checkpoint. */
    private static RunClock resumedClock(double sec) {
        RunClock now = RunClock.start();
        long back = Math.round(sec * 1e9);
        return new RunClock(now.originNanos() - back, now.originUnixNanos() - back);
    }

    /** Losses and returns the registry reports reach the job; a returned agent is connected and serves again. */
    private void listen(RunContext ctx) {
        if (registry == null) {
            return;
        }
        registry.listener(new AgentRegistry.Listener() {
            @Override
            public void lost(String device) {
                ctx.down.add(device);
                ctx.post(new TestbedJob.Event(TestbedJob.Event.Kind.LOST, device));
            }

            @Override
            public void back(String device, String host, int port) {
                rejoin(ctx, device, host, port);
            }
        });
    }

    private void rejoin(RunContext ctx, String device, String host, int port) {
        AgentClient client = AgentClient.connect(host, port, cluster.token(), CallDeadlines.defaults(),
                RpcLimits.DEFAULT_MAX_INBOUND_BYTES, cluster.security());
        try {
            client.hello("deepedge-testbed");
            client.startServices(serviceSpecs(ctx.scenario, device));
        } catch (RemoteCallException e) {
            LOG.log(System.Logger.Level.WARNING, "agent {0} registered again but does not serve: {1}", device,
                    e.getMessage());
            client.close();
            return;
        }
        ctx.load.retarget(device, host, port);
        AgentClient old = ctx.agents.put(device, client);
        if (old != null) {
            old.close();
        }
        ctx.down.remove(device);
        ctx.post(new TestbedJob.Event(TestbedJob.Event.Kind.BACK, device));
    }

    private record JobOutcome(boolean finished, String notFinishedReason, double retrainSec, double lowerBoundSec,
                              double planTimeMs, String plan, String finalPlan, String rejected, int devicesUsed,
                              int replans, long samplesTrained, double workLostSec, MultiLayerNetwork trained,
                              List<TimelineInterval> timeline, List<RoundCall> roundCalls,
                              Map<String, io.deepedge.models.TrainingCpu> trainingCpu, HostProbe hostProbe) {
    }

    /** The replication whose runs record their training timeline, as in the simulator. */
    static final int TIMELINE_REPLICATION = 0;

    private JobOutcome runJob(RunContext ctx, TrainingJob job, int replication, TestbedData.Drifted drifted,
                              ExecutorService pool, Path checkpointDir, Optional<JobCheckpoint> from,
                              FailureInjector injector) throws IOException, InterruptedException {
        Scenario scenario = ctx.scenario;
        if (from.isEmpty()) {
            sleepUntil(ctx.clock, job.submitAtSec());
        }
        String label = ctx.policy.id() + " r" + replication;
        TestbedJob tj = new TestbedJob(job, drifted.train(), network, data.base(), ctx, pool, checkpointDir,
                ctx.intervals, "r" + replication, p -> report(label, p));
        JobCheckpoint.RunSoFar before = from.map(JobCheckpoint::run).orElse(JobCheckpoint.RunSoFar.NONE);
        TestbedTimeline timeline = replication == TIMELINE_REPLICATION
                ? new TestbedTimeline(scenario.devices().stream().map(d -> d.name()).toList(), ctx.nowSec()) : null;
        tj.timeline(timeline);
        from.ifPresent(c -> {
            tj.resumeFrom(c);
            if (progress != null) {
                progress.printf(java.util.Locale.ROOT, "%s: continues from its checkpoint at round %d (%d samples, "
                        + "run time %.1f s)%n", label, c.round(), c.samplesDone(), c.run().runSec());
                progress.flush();
            }
        });
        tj.runSoFar(j -> new JobCheckpoint.RunSoFar(ctx.nowSec(), j.jobSec(), j.workLostSec(),
                before.planTimeMs() + ctx.policyNanos / 1e6, before.policyCalls() + ctx.policyCalls,
                before.failures() + injector.kills(), firstPlan(before, ctx), rejected(before, ctx),
                j.plan() == null ? "" : j.plan().render()));
        ctx.job.set(tj);
        LoadMonitorLoop monitor = ctx.load.instances().isEmpty() ? null : new LoadMonitorLoop(ctx.watch,
                ctx.load::arrivalsBefore, ctx.clock, scenario.monitoring().intervalSec(), from.isPresent()
                ? before.runSec() : 0, tj::progress,
                () -> ctx.post(new TestbedJob.Event(TestbedJob.Event.Kind.LOAD_CHANGED, ""))).start();
        TestbedJob.Outcome o;
        long jobFromNanos = System.nanoTime();
        try {
            o = from.isPresent() && !before.plan().isEmpty()
                    ? tj.resume(scenario.horizonSec(), parsePlan(before.plan()))
                    : tj.run(scenario.horizonSec(), Trigger.JOB_SUBMITTED);
        } finally {
            if (monitor != null) {
                monitor.close();
            }
            ctx.job.set(null);
        }
        MultiLayerNetwork trained = o.finished() ? tj.server().network() : null; // evaluated after the LC load
        double jobSec = o.jobSec();
        String first = firstPlan(before, ctx);
        int calls = before.policyCalls() + ctx.policyCalls;
        return new JobOutcome(o.finished(), o.notFinishedReason(), o.finished() ? jobSec : Double.NaN,
                o.finished() ? jobSec : scenario.horizonSec() - job.submitAtSec(),
                before.planTimeMs() + ctx.policyNanos / 1e6, first,
                o.finalPlan() == null ? "" : o.finalPlan().render(), rejected(before, ctx),
                first.isEmpty() ? 0 : first.split(";").length, Math.max(0, calls - 1), o.samplesTrained(),
                o.workLostSec(), trained, timeline == null ? List.of() : timeline.close(o.endSec()),
                timeline == null ? List.of() : timeline.calls(), tj.trainingCpu(),
                hostProbe == null ? HostProbe.NONE : hostProbe.window(jobFromNanos, System.nanoTime()));
    }

    /** A plan as {@link Plan#render} wrote it ({@code device:samples} pairs separated by {@code ;}). */
    static Plan parsePlan(String rendered) {
        List<Assignment> assignments = new java.util.ArrayList<>();
        for (String pair : rendered.split(";")) {
            int colon = pair.lastIndexOf(':');
            assignments.add(new Assignment(pair.substring(0, colon), Long.parseLong(pair.substring(colon + 1))));
        }
        return new Plan(assignments);
    }

    private static String firstPlan(JobCheckpoint.RunSoFar before, RunContext ctx) {
        return !before.firstPlan().isEmpty() ? before.firstPlan() : ctx.firstPlan == null ? "" : ctx.firstPlan.render();
    }

    private static String rejected(JobCheckpoint.RunSoFar before, RunContext ctx) {
        return !before.firstPlan().isEmpty() ? before.rejected() : ctx.rejected;
    }

    private Map<String, AgentClient> connect(Scenario scenario) throws IOException {
        Map<String, AgentClient> agents = new ConcurrentHashMap<>();
        try {
            for (var d : scenario.devices()) {
                AgentClient c = cluster.client(d.name(), CallDeadlines.defaults(), RpcLimits.DEFAULT_MAX_INBOUND_BYTES);
                agents.put(d.name(), c);
                c.hello("deepedge-testbed");
            }
        } catch (RemoteCallException e) {
            agents.values().forEach(AgentClient::close);
            throw new IOException("agent did not answer Hello: " + e.getMessage(), e);
        }
        return agents;
    }

    private List<ServiceSpec> serviceSpecs(Scenario scenario, String device) {
        return scenario.servicesOn(device).stream()
                .map(s -> new ServiceSpec(s.service(), setup.modelId(s.service()), s.deadlineMs())).toList();
    }

    private void startServices(Scenario scenario, Map<String, AgentClient> agents) throws IOException {
        for (Map.Entry<String, AgentClient> e : agents.entrySet()) {
            try {
                e.getValue().startServices(serviceSpecs(scenario, e.getKey()));
            } catch (RemoteCallException ex) {
                throw new IOException("agent " + e.getKey() + " could not start its services: " + ex.getMessage(), ex);
            }
        }
    }

    private static void stopServices(Map<String, AgentClient> agents) {
        for (AgentClient c : agents.values()) {
            try {
                c.stopServices();
            } catch (RemoteCallException ignored) {
                // the run's figures are complete; an agent that cannot stop its services is stopped with the cluster
            }
        }
    }

    private RunResult result(Scenario scenario, String policyId, int replication, long seed, JobOutcome j,
                             LcLoad.Outcome lc, double accuracyBefore, double accuracyAfter, int failures) {
        return new RunResult(scenario.experiment(), "testbed", policyId, replication, seed, j.finished,
                j.notFinishedReason, j.retrainSec, j.lowerBoundSec, j.planTimeMs, j.plan, j.finalPlan, j.rejected,
                j.devicesUsed, lc.totals().requests(), lc.totals().misses(), lc.totals().p50Ms(), lc.totals().p95Ms(),
                lc.totals().p99Ms(), failures, j.workLostSec, j.samplesTrained, j.replans, Map.of(), lc.services(),
                accuracyBefore, accuracyAfter).withTimeline(j.timeline).withRoundCalls(j.roundCalls)
                .withTrainingCpu(j.trainingCpu).withHostProbe(j.hostProbe);
    }

    private void report(String label, TestbedJob.Progress p) {
        if (progress == null) {
            return;
        }
        long every = Math.max(1, p.rounds() / 10);
        boolean live = progress instanceof ProgressWriter w && w.terminal();
        if (live || p.round() % every == 0 || p.round() == p.rounds()) {
            double eta = p.elapsedSec() / p.round() * (p.rounds() - p.round());
            String text = String.format(java.util.Locale.ROOT, "%s: round %d/%d, samples %d/%d, loss %.4f, ETA %.0f s",
                    label, p.round(), p.rounds(), p.samplesTrained(), p.totalSamples(), p.meanLoss(), eta);
            if (live) {
                ((ProgressWriter) progress).status(text);
            } else {
                progress.println(text);
                progress.flush();
            }
        }
    }

    static void sleepUntil(RunClock clock, double sec) throws InterruptedException {
        long waitMs = (long) Math.ceil((sec - clock.sec(System.nanoTime())) * 1000);
        if (waitMs > 0) {
            Thread.sleep(waitMs);
        }
    }
}
