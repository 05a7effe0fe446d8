package io.deepedge.hw.profile;

import io.deepedge.hw.cluster.AgentCluster;
import io.deepedge.hw.data.ImageShard;
import io.deepedge.hw.data.LabelledImages;
import io.deepedge.hw.rpc.AgentClient;
import io.deepedge.hw.rpc.CallDeadlines;
import io.deepedge.hw.rpc.RemoteCallException;
import io.deepedge.hw.rpc.RpcLimits;
import io.deepedge.hw.rpc.ShardSpec;
import io.deepedge.hw.train.Batches;
import io.deepedge.hw.train.GradientComputer;
import io.deepedge.hw.train.NetworkSpec;
import io.deepedge.hw.train.NetworkSpecs;
import io.deepedge.hw.train.Nd4jSetup;
import io.deepedge.hw.train.UpdaterSpec;
import io.deepedge.models.TrainingCpu;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Environment;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * How much slower a device's training goes per CPU second while another device's training runs on the host's other
 * core: the agent's gradients timed by its own compute thread's CPU clock, in phases alone and beside a co-runner
 * that alternate ({@link #CYCLES} of each, alone first and last), so that the host's drift over the probe falls out of
 * each comparison of a phase beside with the two alone around it; the co-runner is this process computing the same
 * network's gradients back to back on one thread, as a second agent's training does in a testbed run, paused between
 * its phases. Only where the agents run on this machine ({@code --local}).
 *
 * <p>Alternating matters: on the testbed's 2-vCPU machine (2026-12-05) a process under a 0.3-CPU quota computed
 * LeNet's gradients at 2.03-2.36 ms of CPU a sample alone and 2.62-2.70 beside a co-runner started after it, yet
 * 1.99-2.04 with and 1.97-2.08 without one when a single run turned the co-runner on and off every 6 s: the host had
 * moved between the separate runs. Through the agents, this probe's growth came out -2 to +3 % with its alone phases
 * 7-30 % apart: not resolved (README "Devices that slow each other down").
 */
public final class CoRunnerProbe {
    /** Phases beside the co-runner, each between two alone. */
    public static final int CYCLES = 3;
    /** Untimed calls first: a new batch size pays for buffers on the agent. */
    static final int UNTIMED_CALLS = 3;
    static final int MIN_TIMED_CALLS = 3;
    /** The co-runner's untimed gradients before the first phase beside it: its JIT and buffers settle. */
    static final int CO_RUNNER_WARM_CALLS = 20;
    /** Below this much of a core the co-runner did not run beside the agent: nothing is measured. */
    static final double MIN_CO_RUNNER_CORES = 0.3;
    /** The lowest speed taken from a measurement: slower than this beside one co-runner is a disturbed host. */
    static final double MIN_SPEED = 0.5;
    private static final long PAUSED_POLL_MS = 2;

    /**
     * One probe's figures.
     *
     * @param aloneCpuMsPerSample the agent's compute CPU a sample over the alone phases
     * @param besideCpuMsPerSample the same over the phases beside the co-runner
     * @param growth the median over the cycles of a phase beside's CPU a sample over the mean of the two alone
     *               around it, less 1
     * @param leastGrowth the smallest of those growths
     * @param aloneSpread the largest relative difference between consecutive alone phases: how far the host moved
     *                    on its own while probed
     * @param coRunnerCores how much of a core the co-runner used over the phases beside it
     * @param otherCores the host's cores besides the one the agent computes on
     */
    public record Figures(double aloneCpuMsPerSample, double besideCpuMsPerSample, double growth,
                          double leastGrowth, double aloneSpread, double coRunnerCores, int otherCores) {
        /**
         * Whether every turn's growth stands out of the host's own movement over the alone phases (with three turns
         * the median alone passed by a hair on a host that moved 2.3 % between alone phases, 2026-12-05 20:58).
         */
        public boolean resolved() {
            return leastGrowth > aloneSpread;
        }

        /**
         * The device's work per CPU second with every other core busy ({@link
         * io.deepedge.models.ColocationTerms#coRunnerSpeed}): the growth scaled to whole other cores by the share of
         * them the co-runner used (the model's linear growth); 1 where a turn's growth does not stand out of the
         * host's own movement ({@link #resolved}).
         */
        public double coRunnerSpeed() {
            return resolved() ? speedBesideAllOtherCores(growth, coRunnerCores, otherCores) : 1.0;
        }
    }

    private CoRunnerProbe() {
    }

    /**
     * The work per CPU second with all {@code otherCores} busy, from a CPU a sample {@code growth} higher beside a
     * co-runner that used {@code coRunnerCores} of them: the growth over the busy share
     * {@code coRunnerCores / otherCores}, as a speed {@code 1 / (1 + growth / share)}, in [{@link #MIN_SPEED}, 1]. 1
     * on a host with no other core, when the co-runner used less than {@link #MIN_CO_RUNNER_CORES}, or when the work
     * cost no more beside it.
     */
    static double speedBesideAllOtherCores(double growth, double coRunnerCores, int otherCores) {
        if (otherCores < 1 || !(coRunnerCores >= MIN_CO_RUNNER_CORES) || !(growth > 0)) {
            return 1.0;
        }
        double busyShare = Math.min(1.0, coRunnerCores / otherCores);
        return Math.max(MIN_SPEED, 1 / (1 + growth / busyShare));
    }

    /**
     * The figures of alternating phases, each the agent's compute CPU and samples: {@code alone} has one more phase
     * than {@code beside}, {@code alone[k]} before and {@code alone[k + 1]} after {@code beside[k]}.
     */
    static Figures figures(List<TrainingCpu> alone, List<TrainingCpu> beside, double coRunnerCores, int otherCores) {
        if (alone.size() != beside.size() + 1 || beside.isEmpty()) {
            throw new IllegalArgumentException("need one more alone phase than beside, got " + alone.size() + " and "
                    + beside.size());
        }
        double[] growths = new double[beside.size()];
        double spread = 0;
        for (int k = 0; k < beside.size(); k++) {
            double before = alone.get(k).msPerSample();
            double after = alone.get(k + 1).msPerSample();
            growths[k] = beside.get(k).msPerSample() / ((before + after) / 2) - 1;
            spread = Math.max(spread, Math.abs(after / before - 1));
        }
        return new Figures(pooled(alone).msPerSample(), pooled(beside).msPerSample(), DeviceProfiler.median(growths),
                Arrays.stream(growths).min().orElseThrow(), spread, coRunnerCores, otherCores);
    }

    private static TrainingCpu pooled(List<TrainingCpu> phases) {
        TrainingCpu all = TrainingCpu.NONE;
        for (TrainingCpu p : phases) {
            all = all.plus(p.cpuMs(), p.samples());
        }
        return all;
    }

    /**
     * Probes {@code device}'s agent: its shard replaced by the first {@code 2 x batch} of {@code images}, its
     * gradients at {@code batch} in phases of {@code phaseSec}, alone and beside the co-runner by turns.
     */
    public static Figures measure(AgentCluster cluster, String device, NetworkSpec network, LabelledImages images,
                                  float[] params, int batch, double phaseSec) throws IOException, InterruptedException {
        LabelledImages shard = images.slice(0, Math.min(images.count(), 2 * batch));
        int b = Math.min(batch, shard.count());
        try (AgentClient agent = cluster.client(device, CallDeadlines.defaults(),
                RpcLimits.DEFAULT_MAX_INBOUND_BYTES)) {
            agent.loadShard(new ShardSpec("co-runner-" + device, ImageShard.FORMAT, shard.count(), network.describe(),
                    NetworkSpecs.configBytes(network)), ImageShard.encode(shard));
            GradientCalls calls = new GradientCalls(agent, params, shard.count());
            calls.backToBack(b, UNTIMED_CALLS, 0);
            List<TrainingCpu> alone = new ArrayList<>();
            List<TrainingCpu> beside = new ArrayList<>();
            // one native thread, as an agent's at a quota below two cores: a co-runner on one core, whose CPU its
            // thread's clock counts whole (this process's own setting is back afterwards)
            Environment nd4j = Nd4j.getEnvironment();
            int maxThreads = nd4j.maxThreads();
            int maxMasterThreads = nd4j.maxMasterThreads();
            Nd4jSetup.limitThreads(1);
            CoRunner coRunner = new CoRunner(network, shard, params, b);
            long coRunnerCpuNanos = 0;
            long besideWallNanos = 0;
            try {
                coRunner.awaitWarm();
                alone.add(phase(calls, b, phaseSec));
                for (int k = 0; k < CYCLES; k++) {
                    coRunner.run(true);
                    long cpu0 = coRunner.cpuNanos();
                    long wall0 = System.nanoTime();
                    beside.add(phase(calls, b, phaseSec));
                    besideWallNanos += System.nanoTime() - wall0;
                    coRunnerCpuNanos += coRunner.cpuNanos() - cpu0;
                    coRunner.run(false);
                    alone.add(phase(calls, b, phaseSec));
                }
            } finally {
                coRunner.stop();
                nd4j.setMaxThreads(maxThreads);
                nd4j.setMaxMasterThreads(maxMasterThreads);
            }
            return figures(alone, beside, coRunnerCpuNanos / (double) besideWallNanos,
                    Runtime.getRuntime().availableProcessors() - 1);
        } catch (RemoteCallException e) {
            throw new IOException("probing " + device + " beside a co-runner failed: " + e.getMessage(), e);
        }
    }

    /** Calls back to back for {@code sec}, at least {@link #MIN_TIMED_CALLS}: their compute CPU and samples. */
    private static TrainingCpu phase(GradientCalls calls, int batch, double sec) throws RemoteCallException,
            IOException {
        return GradientCalls.computeCpu(calls.backToBack(batch, MIN_TIMED_CALLS, sec)).orElseThrow(() ->
                new IOException("the agent does not report its compute CPU (protocol 1.7): run the same Deep-Edge"
                        + " version on it"));
    }

    /**
     * This process computing the network's gradients on one thread: warmed up at once, then computing only while
     * {@link #run} says so, until stopped.
     */
    private static final class CoRunner {
        private final AtomicBoolean stop = new AtomicBoolean();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicBoolean computing = new AtomicBoolean();
        private final CountDownLatch warm = new CountDownLatch(1);
        private final Thread thread;
        private volatile Throwable failure;

        CoRunner(NetworkSpec network, LabelledImages shard, float[] params, int batch) {
            thread = new Thread(() -> {
                try {
                    GradientComputer computer = new GradientComputer(network.build(shard.rows(), shard.cols(),
                            shard.classes(), 1, UpdaterSpec.sgd(1)));
                    DataSet slice = Batches.of(shard, shard.count() - batch, shard.count());
                    for (long n = 0; !stop.get(); n++) {
                        if (n == CO_RUNNER_WARM_CALLS) {
                            running.set(false);
                            warm.countDown();
                        }
                        // computing is raised before running is read, so run(false) that saw it down has seen
                        // the last gradient of the phase end
                        computing.set(true);
                        if (running.get()) {
                            computer.compute(params, slice);
                            computing.set(false);
                        } else {
                            computing.set(false);
                            Thread.sleep(PAUSED_POLL_MS);
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (Throwable t) {  // reported by awaitWarm: the probe must not wait for a co-runner that died
                    failure = t;
                    warm.countDown();
                }
            }, "deepedge-co-runner");
            thread.setDaemon(true);
            thread.start();
        }

        void awaitWarm() throws IOException, InterruptedException {
            if (!warm.await(60, TimeUnit.SECONDS) || failure != null) {
                throw new IOException("the co-runner did not start computing"
                        + (failure == null ? " within 60 s" : ": " + failure));
            }
        }

        /** Computes from now on, or pauses: returns once its gradient in progress is done. */
        void run(boolean compute) throws InterruptedException {
            running.set(compute);
            while (!compute && computing.get() && thread.isAlive()) {
                Thread.sleep(1);
            }
        }

        long cpuNanos() {
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            return threads.getThreadCpuTime(thread.getId());
        }

        void stop() throws InterruptedException {
            stop.set(true);
            thread.join(TimeUnit.SECONDS.toMillis(30));
        }
    }
}
