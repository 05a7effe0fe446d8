package io.deepedge.hw.bench;

import io.deepedge.hw.data.FashionMnist;
import io.deepedge.hw.load.RequestInputs;
import io.deepedge.hw.local.AgentLauncher;
import io.deepedge.hw.local.LocalCluster;
import io.deepedge.hw.rpc.AgentClient;
import io.deepedge.hw.rpc.InferClient;
import io.deepedge.hw.rpc.ServiceSpec;
import io.deepedge.hw.rpc.v1.MetricsSnapshot;
import org.apache.commons.math3.stat.descriptive.rank.Median;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Whether a lone service's requests wait longer while the host's other cores are busy (lab notebook "`small` beside
 * the other devices' training"): in the testbed every agent shares one machine, and a device that serves while the
 * others train meets a busy host the profile's services-alone phases, one device at a time, never show. One real agent
 * under a quota ({@code bench.bhCpus}, 0.15) serves a LeNet service to Poisson arrivals at {@code bench.bhRate} (5)
 * req/s in phases of {@code bench.bhSec} (20) seconds, alternately with the host idle and with {@code
 * bench.bhSpinners} (2) threads of this process spinning {@code bench.bhDutyMs} (45) of every 100 ms (about what two
 * devices' training takes of the host under their quotas), {@code bench.bhCycles} (4) times; alternating within one
 * run, so the host's own drift between runs is not read as the effect. Per phase it prints the agent-side latency
 * (median, mean, 99th percentile), the worker's CPU a request and the agent's CPU a request beyond idle; then the
 * median over the cycles of each busy phase over the mean of the idle phases either side of it, beside how far the
 * idle phases lie apart. The load generator runs in this process too, so its sends may wait beside the spinners: the
 * agent's latency counts from a request's arrival at the agent.
 */
final class BusyHostBench {
    private static final long IDLE_MS = 4000;
    private static final double WARM_RATE = 100;
    private static final long PERIOD_MS = 100;

    private BusyHostBench() {
    }

    static void run(AgentLauncher launcher) throws Exception {
        double cpus = Double.parseDouble(System.getProperty("bench.bhCpus", "0.15"));
        double rate = Double.parseDouble(System.getProperty("bench.bhRate", "5"));
        double sec = Double.parseDouble(System.getProperty("bench.bhSec", "20"));
        int spinners = Integer.getInteger("bench.bhSpinners", 2);
        long dutyMs = Long.getLong("bench.bhDutyMs", 45);
        int cycles = Integer.getInteger("bench.bhCycles", 4);
        try (LocalCluster cluster = LocalCluster.start(LocalCluster.Options.of("bench-bh",
                List.of(new LocalCluster.Device("edge", cpus)), launcher));
             AgentClient agent = TestbedBench.client(cluster, "edge");
             InferClient lc = InferClient.connect(LocalCluster.HOST, cluster.agent("edge").port(), cluster.token())) {
            agent.startServices(List.of(new ServiceSpec("lenet", "lenet", 100)));
            System.out.printf(Locale.ROOT, "a lone service beside a busy host: LeNet, batch 1, Poisson %.1f req/s,"
                    + " %.0f s a phase, one agent of %.2f cpus (%s); busy: %d threads spinning %d of every %d ms;"
                    + " load average %s%n", rate, sec, cpus, cluster.quotas().mode(), spinners, dutyMs, PERIOD_MS,
                    TestbedBench.loadAverage());
            RequestInputs inputs = RequestInputs.images(FashionMnist.subset().test());
            RateCpuBench.serve(lc, inputs, WARM_RATE, 1500 / WARM_RATE, 99);
            agent.metrics();
            Thread.sleep(IDLE_MS);
            double idleCores = agent.metrics().getProcessCpuCores();
            System.out.printf(Locale.ROOT, "idle agent: %.4f cores%n%-6s %5s %10s %10s %10s %10s %12s %12s%n",
                    idleCores, "phase", "cycle", "done/s", "p50 ms", "mean ms", "p99 ms", "worker ms", "CPU/req ms");
            List<double[]> idle = new ArrayList<>();
            List<double[]> busy = new ArrayList<>();
            long seed = 1;
            for (int c = 0; c <= cycles; c++) {
                agent.metrics();
                RateCpuBench.serve(lc, inputs, rate, sec, seed++);
                idle.add(print("idle", c, agent.metrics(), idleCores));
                if (c == cycles) {
                    break;
                }
                try (Spinners s = new Spinners(spinners, dutyMs)) {
                    agent.metrics();
                    RateCpuBench.serve(lc, inputs, rate, sec, seed++);
                    busy.add(print("busy", c, agent.metrics(), idleCores));
                }
            }
            summary(idle, busy);
        }
        System.out.println("load average after: " + TestbedBench.loadAverage());
    }

    /**
     * Each busy phase against the mean of the idle phases either side of it, per figure: the median over the cycles of
     * the ratio (with its range) and of the difference (in the figure's unit), and the idle phases' own spread, the
     * largest |relative difference| between consecutive idle phases.
     */
    private static void summary(List<double[]> idle, List<double[]> busy) {
        for (int f = 0; f < FIGURES.size(); f++) {
            double[] ratios = new double[busy.size()];
            double[] differences = new double[busy.size()];
            double spread = 0;
            for (int c = 0; c < busy.size(); c++) {
                double around = (idle.get(c)[f] + idle.get(c + 1)[f]) / 2;
                ratios[c] = busy.get(c)[f] / around;
                differences[c] = busy.get(c)[f] - around;
                spread = Math.max(spread, Math.abs(idle.get(c + 1)[f] / idle.get(c)[f] - 1));
            }
            Arrays.sort(ratios);
            System.out.printf(Locale.ROOT, "busy over idle, %-10s median %+.1f %% (%+.1f to %+.1f %%), %+.3f ms;"
                    + " consecutive idle phases up to %.1f %% apart%n", FIGURES.get(f),
                    100 * (new Median().evaluate(ratios) - 1), 100 * (ratios[0] - 1),
                    100 * (ratios[ratios.length - 1] - 1), new Median().evaluate(differences), 100 * spread);
        }
    }

    /** The figures {@link #print} returns, in its order. */
    private static final List<String> FIGURES = List.of("p50", "mean", "p99", "worker CPU", "CPU/req");

    /** One phase's line; returns its {@link #FIGURES}. */
    private static double[] print(String phase, int cycle, MetricsSnapshot m, double idleCores)
            throws io.grpc.StatusException {
        RateCpuBench.Window w = RateCpuBench.Window.of(m);
        double windowSec = w.sec();
        int n = w.completed();
        double[] latency = w.sortedLatencyMs();
        double[] workerCpu = w.workerCpuMs();
        double[] f = {InferenceBench.quantile(latency, 0.5), Arrays.stream(latency).average().orElse(Double.NaN),
                InferenceBench.quantile(latency, 0.99), Arrays.stream(workerCpu).average().orElse(Double.NaN),
                (m.getProcessCpuCores() - idleCores) * windowSec * 1000 / n};
        System.out.printf(Locale.ROOT, "%-6s %5d %10.1f %10.2f %10.2f %10.1f %12.3f %12.3f%n", phase, cycle,
                n / windowSec, f[0], f[1], f[2], f[3], f[4]);
        return f;
    }

    /** Threads spinning {@code dutyMs} of every {@link #PERIOD_MS} until closed. */
    private static final class Spinners implements AutoCloseable {
        private final AtomicBoolean stop = new AtomicBoolean();
        private final List<Thread> threads = new ArrayList<>();

        Spinners(int count, long dutyMs) {
            for (int i = 0; i < count; i++) {
                Thread t = new Thread(() -> {
                    long x = 0;
                    while (!stop.get()) {
                        long start = System.nanoTime();
                        while (System.nanoTime() - start < dutyMs * 1_000_000L) {
                            x += start ^ x;
                        }
                        try {
                            Thread.sleep(PERIOD_MS - dutyMs);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                    if (x == 42) {  // keeps the loop's work from being optimised away
                        System.out.print("");
                    }
                }, "busy-host-" + i);
                t.setDaemon(true);
                t.start();
                threads.add(t);
            }
        }

        @Override
        public void close() throws InterruptedException {
            stop.set(true);
            for (Thread t : threads) {
                t.join();
            }
        }
    }
}
