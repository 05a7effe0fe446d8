package io.deepedge.hw.coordinator;

import io.deepedge.hw.rpc.FloatCodec;
import io.deepedge.hw.rpc.v1.MetricsSnapshot;
import io.deepedge.hw.rpc.v1.ServiceWindow;
import io.deepedge.models.LatencySummary;
import io.deepedge.models.ServiceStats;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LcPathTest {
    @Test
    void p99IsTheNearestRankOfTheLatencies() {
        // 1..200 in scrambled order: rank ceil(0.99 x 200) = 198 holds 198; of 1..100, rank 99 holds 99
        float[] twoHundred = new float[200];
        for (int i = 0; i < 200; i++) {
            twoHundred[i] = (i * 7919) % 200 + 1;
        }
        assertEquals(198.0, LcPath.p99(twoHundred));
        float[] hundred = new float[100];
        for (int i = 0; i < 100; i++) {
            hundred[i] = 100 - i;
        }
        assertEquals(99.0, LcPath.p99(hundred));
        assertTrue(Double.isNaN(LcPath.p99(new float[0])));
    }

    @Test
    void lineShowsBothSidesAndADashWhereTheAgentDidNotReport() {
        List<ServiceStats> services = List.of(stats("classifier", "big", 46.94), stats("tagger", "small", 129.8));
        float[] classifierOnAgent = new float[100];
        for (int i = 0; i < 100; i++) {
            classifierOnAgent[i] = i < 98 ? 10f : 45f;
        }
        String line = LcPath.line(services, Map.of("big", Map.of("classifier", classifierOnAgent)));
        assertEquals("LC p99 at the coordinator / on the agent: classifier@big 46.9 / 45.0 ms, "
                + "tagger@small 129.8 / - ms", line);
    }

    @Test
    void latenciesKeepWellFormedVectorsAndDropOthers() {
        float[] tagger = {12.5f, 30f, 7.25f};
        MetricsSnapshot snapshot = MetricsSnapshot.newBuilder()
                .addServices(ServiceWindow.newBuilder().setServiceId("tagger").setCompleted(3)
                        .setLatencyMs(FloatCodec.encode(tagger)))
                // claims 5 completed requests but carries 2 latencies: left out
                .addServices(ServiceWindow.newBuilder().setServiceId("classifier").setCompleted(5)
                        .setLatencyMs(FloatCodec.encode(new float[]{1f, 2f})))
                .build();
        Map<String, float[]> out = CfsWindow.latencies(snapshot);
        assertEquals(List.of("tagger"), List.copyOf(out.keySet()));
        assertArrayEquals(tagger, out.get("tagger"));
    }

    private static ServiceStats stats(String service, String device, double p99Ms) {
        LatencySummary window = new LatencySummary(200, 0, 0, 20, 15, 30, p99Ms, p99Ms);
        return new ServiceStats(service, device, true, 0, 100, 0.99, window, window);
    }
}
