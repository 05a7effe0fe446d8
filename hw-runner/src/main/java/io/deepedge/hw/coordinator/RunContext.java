package io.deepedge.hw.coordinator;

import io.deepedge.hw.load.RunClock;
import io.deepedge.hw.rpc.AgentClient;
import io.deepedge.models.Device;
import io.deepedge.models.Plan;
import io.deepedge.models.PlanCheck;
import io.deepedge.models.Scenario;
import io.deepedge.models.ServiceInstance;
import io.deepedge.models.monitoring.LoadWatch;
import io.deepedge.policies.Decision;
import io.deepedge.policies.DeviceState;
import io.deepedge.policies.MonitoredRequests;
import io.deepedge.policies.PlanningRequest;
import io.deepedge.policies.SchedulingPolicy;
import io.deepedge.policies.ServiceLoad;
import io.deepedge.policies.Trigger;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * What one run's parts share (the {@link Coordinator}'s run, its {@link TestbedJob}, the registry's listener): the
 * agents (replaced when one comes back), the devices down, the load watch, the job; and the policy calls, which ask
 * the policy with the request the simulator builds for the same trigger and count its time.
 */
final class RunContext implements TestbedJob.Run {
    final Scenario scenario;
    final SchedulingPolicy policy;
    final long seed;
    final Map<String, AgentClient> agents;
    final Set<String> down = ConcurrentHashMap.newKeySet();
    final TrainingIntervals intervals = new TrainingIntervals();
    final AtomicReference<TestbedJob> job = new AtomicReference<>();
    RunClock clock;
    LcLoad load;
    LoadWatch watch;
    int policyCalls;
    long policyNanos;
    Plan firstPlan;
    String rejected = "";

    private final AgentRegistry registry;
    private final PlanningFigures figures;

    /**
     * @param registry where losses are declared (null: none)
     * @param figures what the policy plans with
     */
    RunContext(Scenario scenario, SchedulingPolicy policy, long seed, Map<String, AgentClient> agents,
               AgentRegistry registry, PlanningFigures figures) {
        this.scenario = scenario;
        this.policy = policy;
        this.seed = seed;
        this.agents = agents;
        this.registry = registry;
        this.figures = figures;
    }

    void post(TestbedJob.Event e) {
        TestbedJob j = job.get();
        if (j != null) {
            j.post(e);
        }
    }

    @Override
    public Decision plan(Trigger trigger) {
        PlanningRequest request = request(trigger, nowSec());
        long t0 = System.nanoTime();
        Decision decision = policy.decide(request);
        policyNanos += System.nanoTime() - t0;
        policyCalls++;
        if (decision instanceof Decision.Assign assign) {
            List<String> problems = PlanCheck.problems(assign.plan(), scenario.job().orElseThrow(), this::up);
            if (!problems.isEmpty()) {
                throw new IllegalStateException("policy " + policy.id() + ": plan " + assign.plan().render()
                        + " planned at " + nowSec() + " s: " + String.join("; ", problems));
            }
            if (firstPlan == null) {
                firstPlan = assign.plan();
                rejected = assign.rejections().stream().map(r -> r.device() + "=" + r.reason())
                        .collect(Collectors.joining("; "));
            }
        }
        return decision;
    }

    @Override
    public boolean up(String device) {
        return !down.contains(device);
    }

    @Override
    public AgentClient agent(String device) {
        return agents.get(device);
    }

    @Override
    public void lostByCall(String device) throws InterruptedException {
        if (down.contains(device)) {
            return;
        }
        if (registry != null) {
            registry.declareLost(device, scenario.job().orElseThrow().heartbeatTimeoutSec());
        }
        down.add(device);
    }

    @Override
    public double nowSec() {
        return clock.sec(System.nanoTime());
    }

    /**
     * The request the simulator builds for the same trigger: every device with whether it is up, every instance
     * with its monitored rate and history ({@link MonitoredRequests}). The devices' and services' figures are those
     * of the submission request ({@link PlanningRequests}), whatever their source.
     */
    private PlanningRequest request(Trigger trigger, double nowSec) {
        PlanningRequest base = PlanningRequests.atSubmission(figures.planningScenario(scenario), seed,
                Math.max(0, nowSec));
        List<Device> devices = base.devices().stream().map(DeviceState::device).toList();
        List<ServiceInstance> instances = base.services().stream().map(ServiceLoad::instance).toList();
        synchronized (watch) {
            return MonitoredRequests.request(base.nowSec(), devices, this::up, instances, watch, base.job(),
                    base.serverLink(), trigger, base.seed(), base.forecast());
        }
    }
}
