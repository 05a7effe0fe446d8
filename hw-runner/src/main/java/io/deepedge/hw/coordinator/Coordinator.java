package io.deepedge.hw.coordinator;

import io.deepedge.hw.cluster.AgentCluster;
import io.deepedge.hw.data.ImageShard;
import io.deepedge.hw.data.LabelledImages;
import io.deepedge.hw.load.RunClock;
import io.deepedge.hw.rpc.AgentClient;
import io.deepedge.hw.rpc.CallDeadlines;
import io.deepedge.hw.rpc.RemoteCallException;
import io.deepedge.hw.rpc.RpcLimits;
import io.deepedge.hw.rpc.ServiceSpec;
import io.deepedge.hw.rpc.ShardSpec;
import io.deepedge.hw.train.Accuracy;
import io.deepedge.hw.train.NetworkSpec;
import io.deepedge.hw.train.NetworkSpecs;
import io.deepedge.hw.train.ParameterServerStep;
import io.deepedge.models.Assignment;
import io.deepedge.models.Plan;
import io.deepedge.models.PlanCheck;
import io.deepedge.models.RunResult;
import io.deepedge.models.Scenario;
import io.deepedge.models.TrainingJob;
import io.deepedge.models.timeline.TimelineInterval;
import io.deepedge.policies.Decision;
import io.deepedge.policies.PolicyRegistry;
import io.deepedge.policies.SchedulingPolicy;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

/**
 * Carries out one run (policy x replication) of a scenario on running agents ({@link AgentCluster}: the local
 * cluster or remote agents), one agent per device:
 * LC services start, the run clock starts (time 0 of the scenario), the load generators follow the config's
 * arrivals until the metrics window's end; at {@code training.submitAtSec} the same policy the simulator uses plans
 * the job, each planned agent gets its shard of drifted data over gRPC, and synchronous rounds train a copy of the
 * base model until {@code samples x epochs} are done (or the horizon). Re-planning and failures are not part of this
 * first slice.
 */
public final class Coordinator {
    private final AgentCluster cluster;
    private final TestbedData data;
    private final NetworkSpec network;
    private final PrintWriter progress;
    private final TestbedSetup setup;

    /** @param setup what the policy plans with and what each LC service serves */
    public Coordinator(AgentCluster cluster, TestbedData data, NetworkSpec network, PrintWriter progress,
                       TestbedSetup setup) {
        this.cluster = cluster;
        this.data = data;
        this.network = network;
        this.progress = progress;
        this.setup = setup;
    }

    public RunResult run(Scenario scenario, String policyId, int replication, long seed)
            throws IOException, InterruptedException {
        TrainingJob job = scenario.job().orElseThrow(() -> new IllegalArgumentException("the scenario has no training job"));
        SchedulingPolicy policy = PolicyRegistry.get(policyId);
        TestbedData.Drifted drifted = data.drifted(seed, job.samples());
        double accuracyBefore = Accuracy.of(data.base(), drifted.test());
        Map<String, AgentClient> agents = connect(scenario);
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, agents.size()));
        try {
            startServices(scenario, agents);
            RunClock clock = RunClock.start();
            try (LcLoad load = LcLoad.start(scenario.services(), cluster, seed, scenario.metrics(),
                    clock, drifted.test())) {
                JobOutcome jobOutcome = runJob(scenario, job, policy, replication, seed, drifted, agents, pool, clock);
                LcLoad.Outcome lc = load.finish(jobOutcome.trainingDevices, jobOutcome.trainingFromSec,
                        jobOutcome.trainingToSec);
                stopServices(agents);
                return result(scenario, policyId, replication, seed, job, jobOutcome, lc, accuracyBefore);
            }
        } finally {
            pool.shutdownNow();
            agents.values().forEach(AgentClient::close);
        }
    }

    private record JobOutcome(boolean finished, String notFinishedReason, double retrainSec, double lowerBoundSec,
                              double planTimeMs, Plan plan, String rejected, long samplesTrained,
                              Set<String> trainingDevices, double trainingFromSec, double trainingToSec,
                              double accuracyAfter, List<TimelineInterval> timeline) {
    }

    /** The replication whose runs record their training timeline, as in the simulator. */
    static final int TIMELINE_REPLICATION = 0;

    private JobOutcome runJob(Scenario scenario, TrainingJob job, SchedulingPolicy policy, int replication, long seed,
                              TestbedData.Drifted drifted, Map<String, AgentClient> agents, ExecutorService pool,
                              RunClock clock) throws IOException, InterruptedException {
        sleepUntil(clock, job.submitAtSec());
        double submitSec = now(clock);
        TestbedTimeline timeline = replication == TIMELINE_REPLICATION
                ? new TestbedTimeline(scenario.devices().stream().map(d -> d.name()).toList(), submitSec) : null;
        long t0 = System.nanoTime();
        Decision decision = policy.decide(PlanningRequests.atSubmission(setup.figures().planningScenario(scenario), seed,
                submitSec));
        double planTimeMs = (System.nanoTime() - t0) / 1e6;
        if (decision instanceof Decision.Postpone p) {
            return new JobOutcome(false, "postponed by the policy: " + p.reason(), Double.NaN,
                    scenario.horizonSec() - submitSec, planTimeMs, null, "", 0, Set.of(), 0, 0, Double.NaN,
                    timeline == null ? List.of() : timeline.close(Math.max(submitSec, now(clock))));
        }
        Decision.Assign assign = (Decision.Assign) decision;
        Plan plan = assign.plan();
        List<String> problems = PlanCheck.problems(plan, job, agents::containsKey);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("policy " + policy.id() + ": plan " + plan.render() + ": "
                    + String.join("; ", problems));
        }
        String rejected = assign.rejections().stream().map(r -> r.device() + "=" + r.reason())
                .collect(Collectors.joining("; "));
        if (timeline != null) {
            timeline.transferring(plan, now(clock));
        }
        sendShards(plan, drifted.train(), agents, pool, replication);
        MultiLayerNetwork net = data.base().clone();
        ParameterServerStep server = new ParameterServerStep(net);
        double fromSec = now(clock);
        String label = policy.id() + " r" + replication;
        DistributedRounds.Outcome rounds = new DistributedRounds(plan, job, agents, server, pool)
                .listen(timeline == null ? DistributedRounds.RoundListener.NONE : timeline).run(clock,
                scenario.horizonSec(), cluster.workDir(), job.checkpointEverySec(), p -> report(label, p));
        double accuracyAfter = rounds.finished() ? Accuracy.of(server.network(), drifted.test()) : Double.NaN;
        double retrain = rounds.endSec() - submitSec;
        return new JobOutcome(rounds.finished(), rounds.finished() ? "" : "horizon reached",
                rounds.finished() ? retrain : Double.NaN,
                rounds.finished() ? retrain : scenario.horizonSec() - submitSec, planTimeMs, plan, rejected,
                rounds.samplesTrained(), new HashSet<>(plan.devices()), fromSec, rounds.endSec(), accuracyAfter,
                timeline == null ? List.of() : timeline.close(rounds.endSec()));
    }

    /** Device {@code j} (name order) gets the next {@code share_j} of the selected samples, as bytes over gRPC. */
    private void sendShards(Plan plan, LabelledImages train, Map<String, AgentClient> agents, ExecutorService pool,
                            int replication) throws InterruptedException {
        List<Future<?>> sends = new ArrayList<>();
        int offset = 0;
        for (Assignment a : plan.assignments()) {
            LabelledImages shard = train.slice(offset, offset + Math.toIntExact(a.samples()));
            offset += Math.toIntExact(a.samples());
            ShardSpec spec = new ShardSpec("r" + replication + "-" + a.device(), ImageShard.FORMAT, shard.count(),
                    network.describe(), NetworkSpecs.configBytes(network));
            byte[] bytes = ImageShard.encode(shard);
            AgentClient agent = agents.get(a.device());
            sends.add(pool.submit(() -> agent.loadShard(spec, bytes)));
        }
        for (Future<?> f : sends) {
            try {
                f.get();
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException("shard transfer failed: " + e.getCause().getMessage(), e.getCause());
            }
        }
    }

    private Map<String, AgentClient> connect(Scenario scenario) throws IOException {
        Map<String, AgentClient> agents = new LinkedHashMap<>();
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

    private void startServices(Scenario scenario, Map<String, AgentClient> agents) throws IOException {
        for (Map.Entry<String, AgentClient> e : agents.entrySet()) {
            List<ServiceSpec> specs = scenario.servicesOn(e.getKey()).stream()
                    .map(s -> new ServiceSpec(s.service(), setup.modelId(s.service()), s.deadlineMs())).toList();
            try {
                e.getValue().startServices(specs);
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

    private RunResult result(Scenario scenario, String policyId, int replication, long seed, TrainingJob job,
                             JobOutcome j, LcLoad.Outcome lc, double accuracyBefore) {
        String plan = j.plan == null ? "" : j.plan.render();
        int devices = j.plan == null ? 0 : j.plan.size();
        return new RunResult(scenario.experiment(), "testbed", policyId, replication, seed, j.finished,
                j.notFinishedReason, j.retrainSec, j.lowerBoundSec, j.planTimeMs, plan, plan, j.rejected, devices,
                lc.totals().requests(), lc.totals().misses(), lc.totals().p50Ms(), lc.totals().p95Ms(),
                lc.totals().p99Ms(), 0, 0, j.samplesTrained, 0, Map.of(), lc.services(), accuracyBefore,
                j.accuracyAfter).withTimeline(j.timeline);
    }

    private void report(String label, DistributedRounds.Progress p) {
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

    private static void sleepUntil(RunClock clock, double sec) throws InterruptedException {
        long waitMs = (long) Math.ceil((sec - now(clock)) * 1000);
        if (waitMs > 0) {
            Thread.sleep(waitMs);
        }
    }

    private static double now(RunClock clock) {
        return clock.sec(System.nanoTime());
    }
}
