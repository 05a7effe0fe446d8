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
import java.util.Set;

/**
 * One open-loop generator per LC service instance, in the coordinator's process (outside every agent's quota),
 * each on its own connection, until the metrics window's end. Arrivals come from the run seed and the instance's
 * name, as the simulator's streams do, so every policy of a replication sees the same arrival times.
 */
final class LcLoad implements AutoCloseable {
    /** How long after the window's end replies may still arrive before the rest count as unfinished. */
    static final Duration REPLY_GRACE = Duration.ofSeconds(30);

    private record Instance(ServiceInstance instance, InferClient client, RemoteLoadGenerator generator) {
    }

    private final List<Instance> instances = new ArrayList<>();
    private final MetricsWindow window;

    private LcLoad(MetricsWindow window) {
        this.window = window;
    }

    static LcLoad start(List<ServiceInstance> services, AgentCluster cluster, long runSeed,
                        MetricsWindow window, RunClock clock, LabelledImages inputs) {
        LcLoad load = new LcLoad(window);
        for (ServiceInstance s : services) {
            InferClient client = cluster.inferClient(s.device());
            ArrivalSchedule schedule = ArrivalSchedule.of(s.arrivals(),
                    ArrivalSchedule.streamSeed(runSeed, "arrivals/" + s.service() + "/" + s.device()));
            RemoteLoadGenerator g = new RemoteLoadGenerator(client, s.service(), s.deadlineMs(), schedule,
                    window.toSec(), clock, RequestInputs.images(inputs), RemoteLoadGenerator.DEFAULT_CALL_DEADLINE);
            load.instances.add(new Instance(s, client, g));
            g.start();
        }
        return load;
    }

    /** Waits for the window's end and the replies, then judges every instance over the window. */
    Outcome finish(Set<String> trainingDevices, double trainingFromSec, double trainingToSec)
            throws InterruptedException {
        List<WindowLatencies> windows = new ArrayList<>();
        List<ServiceStats> stats = new ArrayList<>();
        for (Instance i : instances) {
            i.generator.join();
            i.generator.awaitReplies(REPLY_GRACE);
            boolean trainedThere = trainingDevices.contains(i.instance.device());
            WindowLatencies w = new WindowLatencies(window, i.instance.deadlineMs());
            for (RemoteRequest r : i.generator.requests()) {
                boolean during = trainedThere && r.arrivalSec() >= trainingFromSec && r.arrivalSec() < trainingToSec;
                if (r.finished() && r.endSec() <= window.toSec()) {
                    w.completed(r.arrivalSec(), r.endSec(), during);
                } else if (r.failed() && r.endSec() < window.toSec()) {
                    // a call that failed (the agent refused or could not be reached) never got an answer: lost
                    w.lost(r.arrivalSec(), r.endSec());
                } else {
                    w.unfinishedAtEnd(r.arrivalSec(), during);
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
    public void close() throws InterruptedException {
        for (Instance i : instances) {
            i.generator.cancel();
            i.client.close();
        }
    }
}
