package io.deepedge.sim;

import io.deepedge.models.CpuQuota;
import io.deepedge.models.Device;
import io.deepedge.models.HostSpeedTrace;
import umontreal.ssj.probdist.NormalDist;
import umontreal.ssj.simevents.Event;
import umontreal.ssj.simevents.Simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A simulated device: up or down, whether training computes on it now, how many of its LC instances
 * are serving a request; it tells its queues and its training worker when the other side changes.
 *
 * <p>Two models of how training and LC services slow each other: the profile's averaged slowdowns
 * ({@link io.deepedge.models.Interference}), or, when its figures were measured under a CPU bandwidth limit
 * ({@link CpuQuota}), that limit itself ({@link CfsBandwidth}): training's threads and each serving instance (its
 * worker and the RPC threads working for it, {@code cpuCoresWhileServing}) run at full speed and spend the period's
 * budget until it is gone; the averaged slowdowns, which would count the same effect twice, are not applied.
 */
final class DeviceSim {
    private final Device device;
    private final List<LcQueue> queues = new ArrayList<>();
    /** Active reasons the device is down (scheduled and stochastic failures may overlap). */
    private int downCauses;
    private boolean trainingActive;
    private io.deepedge.models.TrainingCpu trainingCpu = io.deepedge.models.TrainingCpu.NONE;
    private double activeServiceSlowdown = 1.0;
    private boolean everTrained;
    /** The device is part of the running job's plan: from its first computation until it leaves the plan. */
    private boolean hostsTraining;
    /** The run's count of devices hosting the job, shared by its devices; a device alone has its own. */
    private JobActivity job = new JobActivity();
    private int busyQueues;
    private Runnable onLcBusyChanged = () -> { };
    /** The CPU bandwidth limit in force, or null when the averaged slowdowns model interference. */
    private final CfsBandwidth bandwidth;
    /** The runtime's collector pauses under the quota, or null when none are modelled. */
    private final CollectorPauses pauses;
    /**
     * The run's work per CPU second on this host, relative to the profile's figures: 1, or under a quota with a
     * {@link CpuQuota#speedSpread} the run's draw ({@link #hostSpeed}).
     */
    private final double runSpeed;
    /**
     * The work the host does per CPU second now: {@link #runSpeed}, times, with a {@link CpuQuota#speedTrace}, the
     * series' step in force ({@link #replaySpeedTrace}). Every piece of the device's work (training, requests,
     * collector pauses) goes at it; what the budget gives in CPU seconds does not change.
     */
    private double workSpeed;

    /** A device whose interference follows the averaged slowdowns (no CPU bandwidth limit modelled). */
    DeviceSim(Device device) {
        this.device = device;
        this.runSpeed = 1.0;
        this.workSpeed = 1.0;
        this.bandwidth = null;
        this.pauses = null;
    }

    /**
     * A device in {@code sim}: under its profile's CPU quota, if it has one, with the period's phase drawn from
     * the device's own stream (the same in every policy's run of a replication), sharing {@code hosts}' host of
     * its quota's core count with the other quota-limited devices; with collector pauses, how full its young
     * generation starts is drawn from another stream of its own.
     */
    DeviceSim(Device device, Simulator sim, RandomStreams streams, Map<Integer, HostCpu> hosts) {
        this(device, sim, streams, hosts, Double.NaN);
    }

    /**
     * The same on a host given for the run ({@link RunSpec#hostSpeed}: the work per CPU second relative to the
     * profile's, for a device under a quota; NaN: drawn as above).
     */
    DeviceSim(Device device, Simulator sim, RandomStreams streams, Map<Integer, HostCpu> hosts, double givenHostSpeed) {
        this(device, sim, streams, hosts, givenHostSpeed, HostSpeedTrace.NONE);
    }

    /**
     * The same, on a host whose speed follows {@code hostTrace} from time 0 ({@link RunSpec#hostTrace}: a testbed
     * run's host step by step, relative to the profile's figures) when one is given: for a device under a quota it
     * replaces both the drawn speed and the profile's own series (neither is drawn then).
     */
    DeviceSim(Device device, Simulator sim, RandomStreams streams, Map<Integer, HostCpu> hosts, double givenHostSpeed,
              HostSpeedTrace hostTrace) {
        this(device, sim, streams.stream("cfs-phase:" + device.name()).nextDouble(),
                pausesModelled(device) ? streams.stream("gc-phase:" + device.name()).nextDouble() : 0.0,
                device.profile().cpuQuota().limited()
                        ? hosts.computeIfAbsent(device.profile().cpuQuota().hostCores(), HostCpu::new) : null,
                constantSpeed(device.profile().cpuQuota(), streams, givenHostSpeed, hostTrace));
        CpuQuota quota = device.profile().cpuQuota();
        if (quota.limited() && hostTrace.any()) {
            replaySpeedTrace(sim, hostTrace, 0.0);
        } else if (quota.limited() && quota.speedTrace().any()) {
            replaySpeedTrace(sim, quota.speedTrace(), speedTraceOffsetSec(quota, streams));
        }
    }

    /**
     * The run's constant work speed: 1 on a replayed series (the series is the whole speed), the given speed, or one
     * drawn ({@link #hostSpeed}); 1 without a quota whatever is given.
     */
    private static double constantSpeed(CpuQuota quota, RandomStreams streams, double givenHostSpeed,
                                        HostSpeedTrace hostTrace) {
        if (quota.limited() && hostTrace.any()) {
            return 1.0;
        }
        return Double.isNaN(givenHostSpeed) || !quota.limited() ? hostSpeed(quota, streams) : givenHostSpeed;
    }

    /**
     * Where the run meets its host's speed series: uniform over the series, from the host's own stream
     * ({@code host-speed-trace:<cores>}), so the devices of one host replay the same steps at the same instants and
     * every policy's run of a replication meets the same ones.
     */
    static double speedTraceOffsetSec(CpuQuota quota, RandomStreams streams) {
        return streams.stream("host-speed-trace:" + quota.hostCores()).nextDouble() * quota.speedTrace().lengthSec();
    }

    /**
     * The run's work per CPU second on the device's host relative to the profile's: {@code exp(-speedSpread z)}, z
     * standard normal from the host's own stream, so the devices of one host (those of one core count, as
     * {@link HostCpu}) move together, as the testbed's agents did from run to run, and every policy's run of a
     * replication meets the same host (common random numbers). Its median is the profile's figures. 1 without a
     * spread (nothing drawn, so such runs keep their events).
     */
    static double hostSpeed(CpuQuota quota, RandomStreams streams) {
        if (!quota.limited() || quota.speedSpread() == 0) {
            return 1.0;
        }
        double z = NormalDist.inverseF01(streams.stream("host-speed:" + quota.hostCores()).nextDouble());
        return Math.exp(-quota.speedSpread() * z);
    }

    /**
     * A device in {@code sim} whose first CFS period (if it has a quota) ends {@code phase} periods from now, on
     * {@code host} (a host of its own when null); no collector pause owed at the start.
     */
    DeviceSim(Device device, Simulator sim, double phase, HostCpu host) {
        this(device, sim, phase, 0.0, host, 1.0);
    }

    /**
     * The same, with {@code pausesOwed} (in [0, 1)) of a collector pause owed at the start, on a host that does
     * {@code workSpeed} of the profile's work per CPU second.
     */
    DeviceSim(Device device, Simulator sim, double phase, double pausesOwed, HostCpu host, double workSpeed) {
        this.device = device;
        this.runSpeed = workSpeed;
        this.workSpeed = workSpeed;
        CpuQuota quota = device.profile().cpuQuota();
        if (quota.limited()) {
            // the pauses first: the bandwidth's start re-times the device's work, pauses included
            pauses = pausesModelled(device) ? new CollectorPauses(device.profile().gcPauses(),
                    quota.collectorThreads(), sim, pausesOwed, this::demandChanged) : null;
            bandwidth = new CfsBandwidth(quota, sim, host != null ? host : new HostCpu(quota.hostCores()),
                    this::ratesChanged);
            bandwidth.start(phase * quota.periodSec());
        } else {
            bandwidth = null;
            pauses = null;
        }
        idleProcessChanged();  // the idle process spends the budget from the start
    }

    /** Collector pauses are simulated where the quota is: elsewhere the averaged figures already hold them. */
    private static boolean pausesModelled(Device device) {
        return device.profile().cpuQuota().limited() && device.profile().gcPauses().any();
    }

    Device device() {
        return device;
    }

    /**
     * When the device's threads can next run: {@code nowSec}, or, while its CPU budget is spent, the next period's
     * start (a collector pause is not counted: how long it lasts depends on the budget it meets).
     */
    double runnableAtSec(double nowSec) {
        return bandwidth != null ? bandwidth.runnableAtSec() : nowSec;
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

    /**
     * Whether the job's training runs on any device of the run now (this one or another, after
     * {@link #shareJobActivity}): requests arriving meanwhile form the job view.
     */
    boolean jobTrainingAnywhere() {
        return job.running();
    }

    /**
     * This device's job state counts in {@code shared}, the run's count over all its devices; called before the run
     * starts.
     */
    void shareJobActivity(JobActivity shared) {
        if (hostsTraining) {
            throw new IllegalStateException("the job activity is shared before training starts");
        }
        this.job = shared;
    }

    /** The device left the running plan (plan changed, job parked, rolled back or finished). */
    void leaveJob() {
        setHostsTraining(false);
    }

    private void setHostsTraining(boolean hosts) {
        if (hosts != hostsTraining) {
            hostsTraining = hosts;
            if (hosts) {
                job.deviceJoined();
            } else {
                job.deviceLeft();
            }
        }
    }

    /** Registers what to do when LC activity starts or stops (the training worker's rate changes). */
    void onLcBusyChanged(Runnable listener) {
        this.onLcBusyChanged = listener;
    }

    /** Training starts computing a local batch of {@code batch} samples here. */
    void startTraining(long batch) {
        activeServiceSlowdown = device.profile().serviceSlowdownAt(batch);
        setHostsTraining(true);
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
        if (bandwidth != null) {
            demandChanged();
            return;
        }
        for (LcQueue q : queues) {
            q.onServiceRateChanged();
        }
    }

    /**
     * How much more work a request that finds its service idle is now than the services-alone phases measured:
     * {@code 1 / coldRequestSpeed} while training computes on a quota-limited device (training evicted the
     * service's caches since its last request), 1 otherwise.
     */
    double coldRequestWork() {
        return bandwidth != null && trainingActive ? 1.0 / device.profile().cpuQuota().colocation().coldRequestSpeed()
                : 1.0;
    }

    /**
     * LC service speed. Averaged model: slowed by the service slowdown at the current local batch while training
     * computes here. Quota model: full speed (shared when the work demands more cores than the host has), 0 while
     * throttled.
     */
    double serviceRate() {
        if (bandwidth != null) {
            return servicesStalled() ? 0.0 : bandwidth.threadSpeed() * hostWorkSpeed();
        }
        return trainingActive ? 1.0 / activeServiceSlowdown : 1.0;
    }

    /**
     * Training speed, in the profile's standalone seconds per second. Averaged model: slowed by
     * {@code trainingSlowdown} while any LC request is in service here. Quota model: the standalone figure is an
     * average over whole periods, so while the budget lasts training runs faster than it by the ratio of its
     * threads' cores to its average cores ({@link CpuQuota#averageTrainingCores}), and not at all while throttled;
     * while a request is in service here, at the profile's co-location fraction of that
     * ({@link io.deepedge.models.ColocationTerms#trainingSpeedWhileServing}), on its share of a core then
     * ({@link io.deepedge.models.ColocationTerms#trainingCoresWhileServing}, which its demand on the budget follows).
     */
    double trainingRate() {
        if (bandwidth != null) {
            CpuQuota quota = device.profile().cpuQuota();
            // beside a request: slower per CPU second (and on a share of a core: trainingThreadCores)
            double perCore = busyQueues > 0 ? quota.colocation().trainingSpeedWhileServing() : 1.0;
            return perCore * trainingThreadCores() * hostWorkSpeed() / quota.averageTrainingCores();
        }
        return busyQueues > 0 ? 1.0 / device.profile().interference().trainingSlowdown() : 1.0;
    }

    void queueBusyChanged(boolean busy) {
        boolean before = busyQueues > 0;
        busyQueues += busy ? 1 : -1;
        if (bandwidth != null) {
            demandChanged();
        } else if (before != (busyQueues > 0)) {
            onLcBusyChanged.run();
        }
    }

    /** CPU seconds this device's threads used so far under its quota (NaN without a quota model). */
    double cpuSecUsed() {
        return bandwidth == null ? Double.NaN : bandwidth.cpuSecUsed();
    }

    /** Counts the device's CFS periods over {@code window} (nothing without a modelled quota). */
    void countCfsOver(io.deepedge.models.metrics.MetricsWindow window) {
        if (bandwidth != null) {
            bandwidth.countOver(window.fromSec(), window.toSec());
        }
    }

    /** The device's CFS periods and throttled periods counted so far; empty without a modelled quota. */
    java.util.Optional<io.deepedge.models.CfsCounts> cfsCounts() {
        return bandwidth == null ? java.util.Optional.empty() : java.util.Optional.of(bandwidth.counts());
    }

    /**
     * An LC request's service started here (it owes its share of a collector pause, which may start now and hold it);
     * call once the request is in service.
     */
    void requestStarted() {
        if (pauses != null) {
            pauses.requestStarted();
        }
    }

    /**
     * Training finished a local batch of {@code samples} here, spending {@code cpuSec} of CPU on it (NaN without a
     * modelled quota); it owes its share of a collector pause.
     */
    void samplesTrained(long samples, double cpuSec) {
        if (pauses != null) {
            pauses.samplesTrained(samples);
        }
        if (!Double.isNaN(cpuSec)) {
            trainingCpu = trainingCpu.plus(cpuSec * 1000, samples);
        }
    }

    /**
     * The cores training's threads use now under the modelled quota: their demand (fewer beside a request in service,
     * the co-location term) at the speed the budget and the host give each thread; 0 while training does not run
     * or a collector pause stops it; NaN without a modelled quota.
     */
    double trainingCpuCores() {
        if (bandwidth == null) {
            return Double.NaN;
        }
        return trainingActive ? trainingThreadCores() : 0;
    }

    /**
     * Quota model: the cores training's threads run on now, computing or not: their demand, a share of a core each
     * beside a request in service, at the speed the budget and the host give each thread; 0 in a collector pause.
     * Both the training's rate and its CPU follow it.
     */
    private double trainingThreadCores() {
        if (pausing()) {
            return 0.0;
        }
        CpuQuota quota = device.profile().cpuQuota();
        return quota.trainingThreads() * (busyQueues > 0 ? quota.colocation().trainingCoresWhileServing() : 1.0)
                * bandwidth.threadSpeed();
    }

    /** The training CPU over the batches finished here so far; empty without a modelled quota. */
    java.util.Optional<io.deepedge.models.TrainingCpu> trainingCpu() {
        return bandwidth == null ? java.util.Optional.empty() : java.util.Optional.of(trainingCpu);
    }

    /** Whether a collector pause stops the device's services and training now. */
    boolean pausing() {
        return pauses != null && pauses.pausing();
    }

    /**
     * Whether the services make no progress now: during a collector pause, and during its cleanup. The cleanup's
     * threads free the native memory behind the references the pause found dead while the request path allocates
     * more, and on the agents the requests waited for it: in the {@code lc} bench (one LeNet service alone at 0.6
     * CPU, 140 req/s) those that arrived during a pause finished a median 9.3-10.4 ms after it ended, where a worker
     * back at full speed finishes the 1-2 queued ones in 3-5 ms, and every request of the slowest 1 % arrived 3-16
     * ms before a pause's end (README "What a lone service's tail is made of"). Training goes on beside the cleanup:
     * its profiled throughput was timed in wall time with whatever the cleanup does to it.
     */
    private boolean servicesStalled() {
        return pauses != null && (pauses.pausing() || pauses.cleaning());
    }

    /** Collector pauses started so far (0 where none are modelled). */
    long collectorPauses() {
        return pauses == null ? 0 : pauses.pausesStarted();
    }

    /**
     * The runnable work changed: the bandwidth re-times the budget and calls {@link #ratesChanged} back. During a
     * collector pause only the collector's threads run; after it, its cleanup's thread runs beside training while
     * the services wait for it ({@link #servicesStalled}). The idle process is the bandwidth's to time
     * ({@link CfsBandwidth}: its work waits while the budget is spent).
     */
    private void demandChanged() {
        double cores;
        if (pausing()) {
            cores = pauses.threads();
        } else {
            CpuQuota quota = device.profile().cpuQuota();
            cores = trainingActive ? quota.trainingThreads()
                    * (busyQueues > 0 ? quota.colocation().trainingCoresWhileServing() : 1.0) : 0;
            if (servicesStalled()) {
                cores += 1;  // the cleanup's thread; the services wait for it and spend nothing
            } else {
                // beside training only: a service alone spends what the profile's services-alone phases measured
                // at its rate (the CPU curve), back-to-back requests included
                double backToBack = trainingActive ? quota.colocation().backToBackCpu() : 1.0;
                for (LcQueue q : queues) {
                    cores += q.busy() ? q.instance().cpuCoresWhileServing() * (q.backToBack() ? backToBack : 1.0) : 0;
                }
            }
        }
        // the idle process's threads are stopped by a collector pause as every other thread: its work waits
        bandwidth.demandChanged(cores, up(), !pausing());
    }

    /**
     * From now on the device's work follows the speed series {@code trace} from {@code offsetSec} into it, times the
     * run's own {@link #runSpeed}: the speed changes at every step's end, and every piece of work in progress goes on
     * at the new speed from there.
     */
    void replaySpeedTrace(Simulator sim, HostSpeedTrace trace, double offsetSec) {
        int step = trace.stepAt(offsetSec);
        setWorkSpeed(runSpeed * trace.speeds().get(step));
        double intoStepSec = offsetSec - Math.floor(offsetSec / trace.stepSec()) * trace.stepSec();
        new SpeedStep(sim, trace, step).schedule(trace.stepSec() - intoStepSec);
    }

    private void setWorkSpeed(double speed) {
        if (speed != workSpeed) {
            workSpeed = speed;
            ratesChanged();
        }
    }

    /** The host's next step of its speed series begins. */
    private final class SpeedStep extends Event {
        private final HostSpeedTrace trace;
        private int step;

        SpeedStep(Simulator sim, HostSpeedTrace trace, int step) {
            super(sim);
            this.trace = trace;
            this.step = step;
            setPriority(EventPriority.CPU_BUDGET);
        }

        @Override
        public void actions() {
            step = (step + 1) % trace.speeds().size();
            setWorkSpeed(runSpeed * trace.speeds().get(step));
            schedule(trace.stepSec());
        }
    }

    /**
     * The work the device does per CPU second now: the host's speed ({@link #workSpeed}) times its speed beside the
     * other devices' work on the host ({@link CfsBandwidth#coRunnerSpeed}). Only with a quota.
     */
    private double hostWorkSpeed() {
        return workSpeed * bandwidth.coRunnerSpeed();
    }

    /** Every piece of work in progress here continues at the device's current speeds. */
    private void ratesChanged() {
        if (pauses != null) {
            pauses.speedChanged(bandwidth.threadSpeed() * hostWorkSpeed());
        }
        for (LcQueue q : queues) {
            q.onServiceRateChanged();
        }
        onLcBusyChanged.run();
    }

    /**
     * A queue's request in service now costs another CPU (it started right after the one before it): only while
     * training computes here, where the back-to-back term applies (a service alone keeps its cost, nothing to
     * re-time).
     */
    void serviceDemandChanged() {
        if (bandwidth != null && trainingActive && device.profile().cpuQuota().colocation().backToBackCpu() != 1) {
            demandChanged();
        }
    }

    /** One more cause of failure; returns true when the device went from up to down. */
    boolean fail() {
        downCauses++;
        if (downCauses > 1) {
            return false;
        }
        if (pauses != null) {
            pauses.reset();  // the agent restarts with an empty heap (before the queues' demand goes)
        }
        for (LcQueue q : queues) {
            q.dropAll();
        }
        idleProcessChanged();
        return true;
    }

    /** One cause of failure ends; returns true when the device is up again. */
    boolean recover() {
        downCauses = Math.max(0, downCauses - 1);
        if (downCauses == 0) {
            idleProcessChanged();
        }
        return downCauses == 0;
    }

    /**
     * The agent's process started, died or started again: its idle CPU comes, goes or comes back. Nothing to re-time
     * without one (so runs of profiles without the figure keep their events, and their results, as they were).
     */
    private void idleProcessChanged() {
        if (bandwidth != null && device.profile().cpuQuota().idleCores() > 0) {
            demandChanged();
        }
    }
}
