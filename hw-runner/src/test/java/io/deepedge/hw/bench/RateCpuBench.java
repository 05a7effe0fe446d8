package io.deepedge.hw.bench;

import io.deepedge.hw.data.FashionMnist;
import io.deepedge.hw.inference.ArrivalSchedule;
import io.deepedge.hw.load.RemoteLoadGenerator;
import io.deepedge.hw.load.RequestInputs;
import io.deepedge.hw.load.RunClock;
import io.deepedge.hw.local.AgentLauncher;
import io.deepedge.hw.local.LocalCluster;
import io.deepedge.hw.rpc.AgentClient;
import io.deepedge.hw.rpc.FloatCodec;
import io.deepedge.hw.rpc.InferClient;
import io.deepedge.hw.rpc.ServiceSpec;
import io.deepedge.hw.rpc.v1.MetricsSnapshot;
import io.deepedge.hw.rpc.v1.ServiceWindow;
import io.deepedge.models.Arrivals;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;

/**
 * What a request costs an agent in CPU as its service's rate rises, alone and beside training (README "A
 * request's CPU as the rate rises"): one real agent under a CPU quota serves a LeNet service to Poisson arrivals at
 * each of {@code bench.rqRates} ("20,60,100,140,180,220" req/s) for {@code bench.rqSec} (15) seconds, first alone,
 * then with LeNet gradients of batch {@code bench.rqBatch} (64) back to back on the same agent. Per phase it prints
 * the requests completed per second, the agent process's CPU beyond idle per completed request, the worker thread's
 * CPU per request (the model call's own work), the agent-side latency and, beside training, the examples trained per
 * second: the figures the twin's quota model draws on ({@code capacityMs}, {@code cpuMeanMs}, the budget shared
 * between a backlogged service and training). Quota {@code bench.rqCpus} (0.6); warm-up {@code bench.rqWarm}
 * (3000 requests at 100 req/s, untimed), because the request path's JIT takes about a thousand to settle.
 */
final class RateCpuBench {
    private static final long IDLE_MS = 4000;
    private static final double WARM_RATE = 100;

    private RateCpuBench() {
    }

    static void run(AgentLauncher launcher) throws Exception {
        double cpus = Double.parseDouble(System.getProperty("bench.rqCpus", "0.6"));
        double[] rates = Arrays.stream(System.getProperty("bench.rqRates", "20,60,100,140,180,220").split(","))
                .mapToDouble(s -> Double.parseDouble(s.trim())).toArray();
        double sec = Double.parseDouble(System.getProperty("bench.rqSec", "15"));
        int batch = Integer.getInteger("bench.rqBatch", 64);
        int warm = Integer.getInteger("bench.rqWarm", 3000);
        try (LocalCluster cluster = LocalCluster.start(LocalCluster.Options.of("bench-rq",
                List.of(new LocalCluster.Device("edge", cpus)), launcher));
             AgentClient agent = TestbedBench.client(cluster, "edge");
             AgentClient trainer = TestbedBench.client(cluster, "edge");
             InferClient lc = InferClient.connect(LocalCluster.HOST, cluster.agent("edge").port(), cluster.token())) {
            int samples = TestbedBench.loadShard(agent, 640);
            agent.startServices(List.of(new ServiceSpec("lenet", "lenet", 100)));
            System.out.printf(Locale.ROOT, "request CPU over rate: LeNet service, batch 1, Poisson, %.0f s per rate, one"
                    + " agent of %.2f cpus (%s); beside it: LeNet gradients of batch %d back to back; load average %s%n",
                    sec, cpus, cluster.quotas().mode(), batch, TestbedBench.loadAverage());
            RequestInputs inputs = RequestInputs.images(FashionMnist.subset().test());
            serve(lc, inputs, WARM_RATE, warm / WARM_RATE, 99);
            agent.metrics();
            Thread.sleep(IDLE_MS);
            double idleCores = agent.metrics().getProcessCpuCores();
            System.out.printf(Locale.ROOT, "idle agent: %.4f cores; CPU per request = (process cores - idle) x window /"
                    + " completed%n", idleCores);
            System.out.printf(Locale.ROOT, "%-9s %8s %10s %10s %12s %12s %10s %10s %12s %10s %12s %10s %12s%n",
                    "phase", "rate", "done/s", "cores", "CPU/req ms", "worker ms", "p50 ms", "p99 ms", "train ex/s",
                    "gc cores", "train cores", "train ms/ex", "svc ms/req");
            for (double rate : rates) {
                agent.metrics();
                serve(lc, inputs, rate, sec, Math.round(rate));
                print("alone", rate, agent.metrics(), idleCores, 0, Double.NaN);
            }
            AtomicBoolean training = new AtomicBoolean(true);
            AtomicLong trained = new AtomicLong();
            DoubleAdder computeCpuMs = new DoubleAdder();
            Thread train = new Thread(() -> TestbedBench.train(trainer, samples, batch, training, trained,
                    computeCpuMs));
            train.start();
            try {
                Thread.sleep(3000);
                for (double rate : rates) {
                    agent.metrics();
                    long before = trained.get();
                    double cpuBefore = computeCpuMs.sum();
                    serve(lc, inputs, rate, sec, Math.round(rate));
                    MetricsSnapshot m = agent.metrics();
                    print("training", rate, m, idleCores, trained.get() - before, computeCpuMs.sum() - cpuBefore);
                }
            } finally {
                training.set(false);
                train.join();
            }
        }
        System.out.println("load average after: " + TestbedBench.loadAverage());
    }

    /**
     * Poisson arrivals at {@code rate} for {@code sec} seconds, then every reply (a backlog drains); also {@link
     * BusyHostBench}'s.
     */
    static void serve(InferClient lc, RequestInputs inputs, double rate, double sec, long seed)
            throws Exception {
        RemoteLoadGenerator g = new RemoteLoadGenerator(lc, "lenet", 100,
                ArrivalSchedule.of(new Arrivals.Poisson(rate), seed), sec, RunClock.start(), inputs,
                RemoteLoadGenerator.DEFAULT_CALL_DEADLINE).start();
        g.join();
        if (!g.awaitReplies(Duration.ofSeconds(120))) {
            throw new IllegalStateException("not every request of the " + rate + " req/s phase was answered");
        }
    }

    /**
     * One phase's line. Beside training ({@code trainCpuMs} finite: the compute threads' CPU over the phase's calls)
     * the process's CPU splits into the training's compute, the collector's (its pauses' and their cleanup's
     * threads, the agent's report) and the rest: the services' request path (worker and RPC threads), the idle agent
     * left out, and the gradient calls' own handling outside the compute (with the parameters held, a gradient's
     * encoding a call). That rest per completed request is what the twin's budget rule charges a request beside
     * training; alone, the CPU per request beyond idle holds the collector too.
     */
    private static void print(String phase, double rate, MetricsSnapshot m, double idleCores, long trainedSamples,
                              double trainCpuMs) throws io.grpc.StatusException {
        boolean withTraining = Double.isFinite(trainCpuMs);
        Window w = Window.of(m);
        double windowSec = w.sec();
        int n = w.completed();
        double[] latency = w.sortedLatencyMs();
        double[] workerCpu = w.workerCpuMs();
        // beside training the process's CPU is both's: per request it is only read alone
        double cpuPerRequestMs = (m.getProcessCpuCores() - idleCores) * windowSec * 1000 / n;
        double gcCores = m.getGcPauseCpuMs() < 0 || m.getGcCleanupCpuMs() < 0 ? Double.NaN
                : (m.getGcPauseCpuMs() + m.getGcCleanupCpuMs()) / 1000 / windowSec;
        double trainCores = withTraining ? trainCpuMs / 1000 / windowSec : 0;
        double serviceMsPerRequest = (m.getProcessCpuCores() - idleCores - gcCores - trainCores) * windowSec * 1000
                / n;
        System.out.printf(Locale.ROOT, "%-9s %8.0f %10.1f %10.3f %12s %12.3f %10.1f %10.1f %12s"
                        + " %10.3f %12s %10s %12.3f%n", phase, rate, n / windowSec, m.getProcessCpuCores(),
                withTraining ? "-" : String.format(Locale.ROOT, "%.3f", cpuPerRequestMs),
                Arrays.stream(workerCpu).average().orElse(Double.NaN),
                InferenceBench.quantile(latency, 0.5), InferenceBench.quantile(latency, 0.99),
                withTraining ? String.format(Locale.ROOT, "%.1f", trainedSamples / windowSec) : "-", gcCores,
                withTraining ? String.format(Locale.ROOT, "%.3f", trainCores) : "-",
                withTraining ? String.format(Locale.ROOT, "%.3f", trainCpuMs / trainedSamples) : "-",
                serviceMsPerRequest);
    }

    /**
     * The first service's figures in an agent's metrics window: its length, the requests completed, their agent-side
     * latencies (sorted) and the worker's CPU for each; also {@link BusyHostBench}'s.
     */
    record Window(double sec, int completed, double[] sortedLatencyMs, double[] workerCpuMs) {
        static Window of(MetricsSnapshot m) throws io.grpc.StatusException {
            ServiceWindow s = m.getServices(0);
            int n = (int) s.getCompleted();
            double[] latency = TestbedBench.toDoubles(FloatCodec.decode(s.getLatencyMs(), "latency_ms", n));
            Arrays.sort(latency);
            return new Window((m.getWindowEndUnixMs() - m.getWindowStartUnixMs()) / 1000.0, n, latency,
                    TestbedBench.toDoubles(FloatCodec.decode(s.getServiceCpuMs(), "service_cpu_ms", n)));
        }
    }
}
