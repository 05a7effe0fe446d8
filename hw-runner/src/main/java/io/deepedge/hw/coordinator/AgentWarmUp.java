package io.deepedge.hw.coordinator;

import io.deepedge.hw.cluster.AgentCluster;
import io.deepedge.hw.data.ImageShard;
import io.deepedge.hw.data.LabelledImages;
import io.deepedge.hw.load.RequestInputs;
import io.deepedge.hw.load.SteadyState;
import io.deepedge.hw.rpc.AgentClient;
import io.deepedge.hw.rpc.InferClient;
import io.deepedge.hw.rpc.RemoteCallException;
import io.deepedge.hw.rpc.ShardSpec;
import io.deepedge.hw.train.NetworkSpec;
import io.deepedge.hw.train.NetworkSpecs;
import io.deepedge.models.ServiceInstance;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Warms every agent before a run's clock starts, so that the run measures devices in their steady state, as the
 * simulator models them (and as a device that has been serving for a while is): a fresh agent JVM interprets its
 * inference and gradient paths until the JIT compiler has compiled them, and measured here that made an LC
 * request's service time 2-3x its steady value for the first 600-800 requests (6-8 s at 100 req/s) and a job's
 * first round 3x the later ones. Without it the first run of a testbed invocation paid that cost and the later
 * runs did not: an unfair comparison of the policies run first and last.
 *
 * <p>Each agent, all at once: every service instance it hosts answers requests one at a time (closed loop, so a
 * slow device is never overloaded) through the same gRPC path the run's load takes, for at least
 * {@link #SERVICE_SEC} and then until the round trips stop falling ({@link SteadyState}, at most
 * {@link #MAX_SEC}), while the agent computes untimed gradients of the job's network with the run's parameters at
 * a small batch until their times stop falling, then {@link #GRADIENTS} at the job's batch (its buffers). The
 * agents' metrics windows are drained afterwards: nothing of the warm-up is a result. A warm agent settles after
 * the rule's first three windows, so the runs after an invocation's first pay little.
 */
final class AgentWarmUp {
    static final double SERVICE_SEC = 3.0;
    /** The longest either loop of the warm-up runs while its times still fall. */
    static final double MAX_SEC = 60;
    /** The batch of the settling gradients: the JIT counts calls, not samples, and small calls are quick. */
    static final int SETTLING_BATCH = 2;
    static final int GRADIENTS = 2;

    private AgentWarmUp() {
    }

    /**
     * @param agents the run's agent clients by device
     * @param images original training images (the warm-up shard is the first {@code 2 x batch})
     * @param requests the images the services' requests carry
     */
    static void run(Map<String, AgentClient> agents, AgentCluster cluster, List<ServiceInstance> services,
                    NetworkSpec network, float[] params, int batch, LabelledImages images, LabelledImages requests)
            throws IOException, InterruptedException {
        int b = Math.max(1, Math.min(batch, images.count() / 2));
        LabelledImages shard = images.slice(0, Math.min(images.count(), 2 * b));
        ExecutorService pool = Executors.newCachedThreadPool();
        try {
            List<Future<?>> work = new ArrayList<>();
            for (Map.Entry<String, AgentClient> a : agents.entrySet()) {
                work.add(pool.submit(() -> {
                    train(a.getKey(), a.getValue(), shard, network, params, b);
                    return null;
                }));
            }
            for (ServiceInstance s : services) {
                if (agents.containsKey(s.device())) {
                    work.add(pool.submit(() -> {
                        serve(cluster.inferClient(s.device()), s, RequestInputs.images(requests));
                        return null;
                    }));
                }
            }
            for (Future<?> f : work) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    throw new IOException("warming the agents up failed: " + e.getCause().getMessage(), e.getCause());
                }
            }
            for (Map.Entry<String, AgentClient> a : agents.entrySet()) {
                try {
                    a.getValue().metrics(); // the warm-up's requests are not the run's
                } catch (RemoteCallException e) {
                    throw new IOException("agent " + a.getKey() + " did not answer after its warm-up: " + e.getMessage(), e);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static void train(String device, AgentClient agent, LabelledImages shard, NetworkSpec network,
                              float[] params, int batch) throws RemoteCallException {
        agent.loadShard(new ShardSpec("warm-up-" + device, ImageShard.FORMAT, shard.count(), network.describe(),
                NetworkSpecs.configBytes(network)), ImageShard.encode(shard));
        SteadyState.gradients(agent, params, shard.count(), Math.min(batch, SETTLING_BATCH), MAX_SEC);
        for (int i = 0; i < GRADIENTS; i++) {
            agent.gradient(i, i, params, 0, batch); // through the run's gradient path, parameters included
        }
    }

    private static void serve(InferClient client, ServiceInstance s, RequestInputs inputs)
            throws IOException, InterruptedException {
        try (client) {
            SteadyState.requests(client, s.service(), inputs, SERVICE_SEC, MAX_SEC);
        } catch (IOException e) {
            throw new IOException("on " + s.device() + ": " + e.getMessage(), e);
        }
    }
}
