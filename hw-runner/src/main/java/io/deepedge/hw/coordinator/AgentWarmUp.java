package io.deepedge.hw.coordinator;

import io.deepedge.hw.cluster.AgentCluster;
import io.deepedge.hw.data.ImageShard;
import io.deepedge.hw.data.LabelledImages;
import io.deepedge.hw.load.RequestInputs;
import io.deepedge.hw.rpc.AgentClient;
import io.deepedge.hw.rpc.InferClient;
import io.deepedge.hw.rpc.RemoteCallException;
import io.deepedge.hw.rpc.ShardSpec;
import io.deepedge.hw.train.NetworkSpec;
import io.deepedge.hw.train.NetworkSpecs;
import io.deepedge.models.ServiceInstance;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Warms every agent before a run's clock starts, so that the run measures devices in their steady state, as the
 * simulator models them (and as a device that has been serving for a while is): a fresh agent JVM interprets its
 * inference and gradient paths until the JIT compiler has compiled them, and measured here that made an LC
 * request's service time 2-3x its steady value for the first 600-800 requests (6-8 s at 100 req/s) and a job's
 * first round 3x the later ones. Without it the first run of a testbed invocation paid that cost and the later
 * runs did not: an unfair comparison of the policies run first and last.
 *
 * <p>Each agent, all at once: every service instance it hosts answers requests one at a time (closed loop, so a
 * slow device is never overloaded) for {@link #SERVICE_SEC} through the same gRPC path the run's load takes, while
 * the agent computes {@link #GRADIENTS} untimed gradients of the job's network at the job's batch on a small shard
 * of original images. The agents' metrics windows are drained afterwards: nothing of the warm-up is a result.
 */
final class AgentWarmUp {
    static final double SERVICE_SEC = 3.0;
    static final int GRADIENTS = 4;
    private static final Duration CALL_DEADLINE = Duration.ofSeconds(30);

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
        agent.gradient(0, 1, params, 0, batch); // through the run's gradient path, parameters included
        agent.calibrate(List.of(batch), GRADIENTS);
    }

    private static void serve(InferClient client, ServiceInstance s, RequestInputs inputs)
            throws IOException, InterruptedException {
        long until = System.nanoTime() + (long) (SERVICE_SEC * 1e9);
        try (client) {
            for (long i = 0; System.nanoTime() < until; i++) {
                try {
                    client.infer(s.service(), i, 0, inputs.input(i), CALL_DEADLINE)
                            .get(CALL_DEADLINE.toSeconds() + 5, TimeUnit.SECONDS);
                } catch (ExecutionException | TimeoutException e) {
                    throw new IOException("service " + s.service() + " on " + s.device()
                            + " did not answer a warm-up request: " + e.getMessage(), e);
                }
            }
        }
    }
}
