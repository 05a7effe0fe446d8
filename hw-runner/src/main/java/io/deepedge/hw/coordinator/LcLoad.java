package io.deepedge.hw.coordinator;

import io.deepedge.hw.cluster.AgentCluster;
import io.deepedge.hw.data.LabelledImages;
import io.deepedge.hw.inference.ArrivalSchedule;
import io.deepedge.hw.load.RemoteLoadGenerator;
import io.deepedge.hw.load.RemoteRequest;
import io.deepedge.hw.load.RequestInputs;
import io.deepedge.hw.load.RunClock;
import io.deepedge.hw.rpc.InferClient;
import io.deepedge.models.ServiceInstance;
import io.deepedge.models.ServiceStats;
import io.deepedge.models.metrics.LcTotals;
import io.deepedge.models.metrics.MetricsWindow;
import io.deepedge.models.metrics.WindowLatencies;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One open-loop generator per LC service instance, in the coordinator's process (outside every agent's quota),
 * each on its own connection, until the metrics window's end or the job's, whichever comes later: the simulator's
 * services keep arriving while its job runs past the window ({@code SimulationRun} ends at the later of the two),
 * so a job that outlasts the window trains beside the same load on both sides. Arrival times come from the setup's
 * {@link TestbedSetup.Arrivals} (the simulator's own for {@code testbed}), a function of the run seed and the
 * instance, so every policy of a replication sees the same arrival times.
 */
final class LcLoad implements AutoCloseable {
    /** How long after the window's end replies may still arrive before the rest count as unfinished. */
    static final Duration REPLY_GRACE = Duration.ofSeconds(30);

    private static final class Instance {
        final ServiceInstance instance;
        final RemoteLoadGenerator generator;
        final List<InferClient> clients = new ArrayList<>();
        /** Requests already counted by {@link #arrivalsBefore}. */
        int counted;

        Instance(ServiceInstance instance, InferClient client, RemoteLoadGenerator generator) {
            this.instance = instance;
            this.generator = generator;
            clients.add(client);
        }
    }

    private final List<Instance> instances = new ArrayList<>();
    private AgentCluster cluster;
    private final MetricsWindow window;
    private final RunClock clock;

    private LcLoad(MetricsWindow window, RunClock clock) {
        this.window = window;
        this.clock = clock;
    }

    /**
     * Starts every generator, its arrivals scheduled up to {@code horizonSec} (the job may run until then; {@link
     * #finish} stops them once both the job and the window have ended); arrivals before {@code fromSec} (a resumed
     * run's start) are skipped, the rest keep the times they have in an uninterrupted run.
     */
    static LcLoad start(List<ServiceInstance> services, AgentCluster cluster, long runSeed,
                        MetricsWindow window, double horizonSec, RunClock clock, LabelledImages inputs,
                        double fromSec, TestbedSetup.Arrivals arrivals) {
        LcLoad load = new LcLoad(window, clock);
        load.cluster = cluster;
        double untilSec = Math.max(window.toSec(), horizonSec);
        for (ServiceInstance s : services) {
            InferClient client = cluster.inferClient(s.device());
            ArrivalSchedule schedule = skipBefore(ArrivalSchedule.ofTimes(arrivals.timesSec(s, runSeed, untilSec)),
                    fromSec);
            RemoteLoadGenerator g = new RemoteLoadGenerator(client, s.service(), s.deadlineMs(), schedule,
                    untilSec, clock, RequestInputs.images(inputs), RemoteLoadGenerator.DEFAULT_CALL_DEADLINE);
            load.instances.add(new Instance(s, client, g));
            g.start();
        }
        return load;
    }

    private static ArrivalSchedule skipBefore(ArrivalSchedule schedule, double fromSec) {
        if (fromSec <= 0) {
            return schedule;
        }
        return new ArrivalSchedule() {
            private boolean skipped;

            @Override
            public double nextSec() {
                double t = schedule.nextSec();
                while (!skipped && t < fromSec) {
                    t = schedule.nextSec();
                }
                skipped = true;
                return t;
            }
        };
    }

    /** The monitored instances, in the order of {@link #arrivalsBefore}'s counts. */
    List<ServiceInstance> instances() {
        return instances.stream().map(i -> i.instance).toList();
    }

    /**
     * Per instance, the requests scheduled before {@code sec} that no earlier call counted: the arrivals the
     * generators produced in the monitoring interval ending at {@code sec}. Waits until every generator has sent
     * all of them (a generator sends on time to within its lag).
     */
    long[] arrivalsBefore(double sec) throws InterruptedException {
        long[] counts = new long[instances.size()];
        for (int k = 0; k < counts.length; k++) {
            Instance i = instances.get(k);
            while (!i.generator.sentAllBefore(sec)) {
                Thread.sleep(1);
            }
            List<RemoteRequest> all = i.generator.requests();
            int n = i.counted;
            while (n < all.size() && all.get(n).arrivalSec() < sec) {
                n++;
            }
            counts[k] = n - i.counted;
            i.counted = n;
        }
        return counts;
    }

    /** The device's agent serves again on host:port: its instances' next requests go there. */
    synchronized void retarget(String device, String host, int port) {
        for (Instance i : instances) {
            if (i.instance.device().equals(device)) {
                InferClient next = InferClient.connect(host, port, cluster.token(), cluster.security());
                i.clients.add(next);
                i.generator.retarget(next);
            }
        }
    }

    /**
     * Called once the job has ended: waits for the window's end if it is still ahead, stops the generators once
     * every request scheduled before then was sent, waits for the replies, then judges every instance over the
     * window.
     */
    Outcome finish(TrainingIntervals training) throws InterruptedException {
        double endSec = Math.max(window.toSec(), clock.sec(System.nanoTime()));
        Coordinator.sleepUntil(clock, endSec);
        for (Instance i : instances) {
            while (!i.generator.sentAllBefore(endSec)) {
                Thread.sleep(1);
            }
            i.generator.cancel();
        }
        List<WindowLatencies> windows = new ArrayList<>();
        List<ServiceStats> stats = new ArrayList<>();
        for (Instance i : instances) {
            i.generator.awaitReplies(REPLY_GRACE);
            boolean trainedThere = training.trainedOn(i.instance.device());
            WindowLatencies w = new WindowLatencies(window, i.instance.deadlineMs());
            for (RemoteRequest r : i.generator.requests()) {
                boolean during = training.during(i.instance.device(), r.arrivalSec());
                boolean duringJob = during || training.duringAny(r.arrivalSec());
                if (r.finished() && r.endSec() <= window.toSec()) {
                    w.completed(r.arrivalSec(), r.endSec(), during, duringJob);
                } else if (r.failed() && r.endSec() < window.toSec()) {
                    // a call that failed (the agent refused or could not be reached) never got an answer: lost
                    w.lost(r.arrivalSec(), r.endSec());
                } else {
                    w.unfinishedAtEnd(r.arrivalSec(), during, duringJob);
                }
            }
            windows.add(w);
            stats.add(w.stats(i.instance, trainedThere));
        }
        return new Outcome(stats, WindowLatencies.totals(windows));
    }

    record Outcome(List<ServiceStats> services, LcTotals totals) {
    }

    @Override
    public synchronized void close() throws InterruptedException {
        for (Instance i : instances) {
            i.generator.cancel();
            i.clients.forEach(InferClient::close);
        }
    }
}
