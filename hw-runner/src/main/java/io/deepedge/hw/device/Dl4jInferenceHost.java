package io.deepedge.hw.device;

import io.deepedge.hw.agent.InferenceHost;
import io.deepedge.hw.agent.ServiceWindowStats;
import io.deepedge.hw.data.LabelledImages;
import io.deepedge.hw.rpc.ServiceSpec;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * The agent's LC services with DL4J: one {@link HostedService} per started service (its own network copy and
 * one FCFS worker thread), all inside the agent's process and therefore its CPU quota, where they contend with
 * training for the CPU as on a real device. Windows of services that were stopped or replaced are returned by
 * the next {@link #drainWindow}, so no completed request goes unreported.
 */
public final class Dl4jInferenceHost implements InferenceHost {
    private static final System.Logger LOG = System.getLogger(Dl4jInferenceHost.class.getName());

    private final ServiceModels models;
    private final Supplier<LabelledImages> ownImages;
    private volatile Map<String, HostedService> running = Map.of();
    private final List<ServiceWindowStats> retired = new ArrayList<>();

    /**
     * @param ownImages the images requests without input classify (loaded on the first start)
     */
    public Dl4jInferenceHost(ServiceModels models, Supplier<LabelledImages> ownImages) {
        this.models = models;
        this.ownImages = ownImages;
    }

    @Override
    public synchronized List<String> start(List<ServiceSpec> services) {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < services.size(); i++) {
            if (!ids.add(services.get(i).serviceId())) {
                throw new IllegalArgumentException("services[" + i + "].service_id: duplicate ("
                        + services.get(i).serviceId() + "), expected each id once");
            }
        }
        // build every new instance before stopping the old ones: a bad model id leaves the running services alone
        Map<String, HostedService> next = new LinkedHashMap<>();
        LabelledImages images = services.isEmpty() ? null : ownImages.get();
        for (int i = 0; i < services.size(); i++) {
            ServiceSpec spec = services.get(i);
            try {
                next.put(spec.serviceId(), new HostedService(spec, models.instance(spec.serviceId(), spec.modelId(), images)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("services[" + i + "]." + e.getMessage());
            }
        }
        stopRunning();
        next.values().forEach(HostedService::start);
        running = Map.copyOf(next);
        LOG.log(System.Logger.Level.INFO, "LC services started: {0}", next.keySet());
        return List.copyOf(next.keySet());
    }

    @Override
    public synchronized void stop() {
        stopRunning();
    }

    @Override
    public CompletionStage<byte[]> infer(String serviceId, long requestId, long scheduledArrivalUnixNanos,
                                         byte[] input) {
        Map<String, HostedService> now = running;
        HostedService service = now.get(serviceId);
        if (service == null) {
            if (now.isEmpty()) {
                throw new IllegalStateException("no LC services are running: call StartServices first");
            }
            throw new IllegalArgumentException("service_id: unknown (" + shorten(serviceId) + "), expected one of "
                    + String.join(", ", now.keySet()));
        }
        return service.submit(requestId, scheduledArrivalUnixNanos, input);
    }

    @Override
    public List<String> serviceIds() {
        return List.copyOf(running.keySet());
    }

    @Override
    public synchronized List<ServiceWindowStats> drainWindow() {
        List<ServiceWindowStats> out = new ArrayList<>(retired);
        retired.clear();
        running.values().forEach(s -> out.add(s.drain()));
        return out;
    }

    private void stopRunning() {
        Map<String, HostedService> old = running;
        running = Map.of();
        for (HostedService s : old.values()) {
            try {
                s.stop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            retired.add(s.drain());
        }
    }

    private static String shorten(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "...";
    }
}
