package io.deepedge.experiments.cli;

import io.deepedge.hw.coordinator.AgentRegistry;
import io.deepedge.hw.local.LocalCluster;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The agents {@code profile} and {@code testbed} start here register with the command's registry and keep
 * heartbeating: a real agent process under a 1 s silence is not lost over 3 s while it runs, and is lost once it is
 * stopped (so it had registered: a device never heard from is never lost).
 */
class LocalAgentsTest {
    @Test
    void aLocalAgentRegistersAndHeartbeats() throws Exception {
        List<LocalCluster.Device> devices = List.of(new LocalCluster.Device("d", 0.5));
        LinkedBlockingQueue<String> lost = new LinkedBlockingQueue<>();
        try (AgentRegistry registry = LocalAgents.registry(devices, 1.0)) {
            registry.listener(new AgentRegistry.Listener() {
                @Override
                public void lost(String device) {
                    lost.add(device);
                }

                @Override
                public void back(String device, String host, int port) {
                }
            });
            try (LocalCluster cluster = LocalAgents.start("test", devices, registry)) {
                assertNull(lost.poll(3, TimeUnit.SECONDS), "heartbeats every 250 ms keep it up over three silences");
            }
            assertEquals("d", lost.poll(30, TimeUnit.SECONDS), "stopped, its heartbeats end and it is lost");
        }
    }
}
