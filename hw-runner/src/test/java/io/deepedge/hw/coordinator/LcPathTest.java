package io.deepedge.hw.coordinator;

import io.deepedge.hw.rpc.FloatCodec;
import io.deepedge.hw.rpc.v1.MetricsSnapshot;
import io.deepedge.hw.rpc.v1.ServiceWindow;
import io.deepedge.models.LatencySummary;
import io.deepedge.models.ServiceStats;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
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
        // 100 requests: 98 of 10 ms (4 before the worker, 6 in service), two of 45 ms, one of them 40 ms before the
        // worker and the other 40 ms in service. The 99th smallest of each column: latency (98 x 10, 45, 45) 45;
        // before the worker (98 x 4, 5, 40) 5; in service (5, 98 x 6, 40) 6: each p99 of its own column
        float[] latency = column(10f, 45f, 45f);
        float[] service = column(6f, 5f, 40f);
        String line = LcPath.line(services, Map.of("big", Map.of("classifier", new AgentRequests(latency, service))));
        assertEquals("LC p99 at the coordinator / on the agent: classifier@big 46.9 / 45.0 ms (before its worker 5.0, "
                + "in service 6.0), tagger@small 129.8 / - ms", line);
    }

    @Test
    void queueTimesSplitTheTimeBeforeTheWorkerIntoTheWayInAndTheQueue() {
        // 100 requests: 97 of 10 ms (2 on the way in, 2 queued, 6 in service); one of 70 ms held 60 ms on its way in
        // (queued 4, in service 6); one of 70 ms queued 60 ms (way in 4, service 6); one of 12 ms (way in 1, queued
        // 1, in service 10). The 99th smallest of each column: latency (97 x 10, 12, 70, 70) 70; before the worker
        // (97 x 4, 2, 64, 64) 64; way in (1, 97 x 2, 4, 60) 4; queued (1, 97 x 2, 4, 60) 4; in service (98 x 6, 6,
        // 10) 6
        float[] latency = column(10f, 70f, 70f, 12f);
        float[] queue = column(2f, 4f, 60f, 1f);
        float[] service = column(6f, 6f, 6f, 10f);
        AgentRequests r = new AgentRequests(latency, service, queue);
        assertEquals(60f, r.wayInMs()[97]);
        assertEquals(4f, r.wayInMs()[98]);
        assertEquals(1f, r.wayInMs()[99]);
        String line = LcPath.line(List.of(stats("classifier", "big", 71.25)), Map.of("big", Map.of("classifier", r)));
        assertEquals("LC p99 at the coordinator / on the agent: classifier@big 71.3 / 70.0 ms (before its worker 64.0: "
                + "on its way in 4.0, queued 4.0; in service 6.0)", line);
    }

    @Test
    void anAgentWithoutServiceTimesGetsNoSplit() {
        String line = LcPath.line(List.of(stats("tagger", "small", 20)),
                Map.of("small", Map.of("tagger", new AgentRequests(new float[]{3f, 7f}, new float[0]))));
        assertEquals("LC p99 at the coordinator / on the agent: tagger@small 20.0 / 7.0 ms", line);
    }

    @Test
    void requestsKeepWellFormedVectorsAndDropOthers() {
        float[] tagger = {12.5f, 30f, 7.25f};
        float[] taggerService = {2.5f, 20f, 7f};
        MetricsSnapshot snapshot = MetricsSnapshot.newBuilder()
                .addServices(ServiceWindow.newBuilder().setServiceId("tagger").setCompleted(3)
                        .setLatencyMs(FloatCodec.encode(tagger)).setServiceMs(FloatCodec.encode(taggerService)))
                // an older agent: no service times
                .addServices(ServiceWindow.newBuilder().setServiceId("detector").setCompleted(1)
                        .setLatencyMs(FloatCodec.encode(new float[]{4f})))
                // claims 5 completed requests but carries 2 latencies: left out
                .addServices(ServiceWindow.newBuilder().setServiceId("classifier").setCompleted(5)
                        .setLatencyMs(FloatCodec.encode(new float[]{1f, 2f})))
                // service times for 2 of 3 requests: left out
                .addServices(ServiceWindow.newBuilder().setServiceId("ranker").setCompleted(3)
                        .setLatencyMs(FloatCodec.encode(tagger)).setServiceMs(FloatCodec.encode(new float[]{1f, 2f})))
                // a completed count of 2^64 - 1 (uint64), -1 as a Java long: left out, not read as "any count"
                .addServices(ServiceWindow.newBuilder().setServiceId("huge").setCompleted(-1)
                        .setLatencyMs(FloatCodec.encode(tagger)))
                .build();
        Map<String, AgentRequests> out = CfsWindow.requests(snapshot);
        assertEquals(List.of("detector", "tagger"), List.copyOf(out.keySet()));
        assertArrayEquals(tagger, out.get("tagger").latencyMs());
        assertArrayEquals(new float[]{10f, 10f, 0.25f}, out.get("tagger").beforeWorkerMs());
        assertEquals(0, out.get("detector").serviceMs().length);
        assertEquals(0, out.get("detector").beforeWorkerMs().length);
        // an agent before protocol 1.8 sends no queue times: no way in to split off
        assertEquals(0, out.get("tagger").queueMs().length);
        assertEquals(0, out.get("tagger").wayInMs().length);
    }

    @Test
    void queueTimesAreReadWhereWellFormed() {
        float[] latency = {12.5f, 30f, 7.25f};
        float[] service = {2.5f, 20f, 7f};
        float[] queue = {4f, 0.5f, 0f};
        MetricsSnapshot snapshot = MetricsSnapshot.newBuilder()
                .addServices(ServiceWindow.newBuilder().setServiceId("tagger").setCompleted(3)
                        .setLatencyMs(FloatCodec.encode(latency)).setServiceMs(FloatCodec.encode(service))
                        .setQueueMs(FloatCodec.encode(queue)))
                // queue times for 2 of 3 requests: left out
                .addServices(ServiceWindow.newBuilder().setServiceId("ranker").setCompleted(3)
                        .setLatencyMs(FloatCodec.encode(latency)).setServiceMs(FloatCodec.encode(service))
                        .setQueueMs(FloatCodec.encode(new float[]{1f, 2f})))
                .build();
        Map<String, AgentRequests> out = CfsWindow.requests(snapshot);
        assertEquals(List.of("tagger"), List.copyOf(out.keySet()));
        assertArrayEquals(queue, out.get("tagger").queueMs());
        // way in = latency - queue - service: 12.5 - 4 - 2.5, 30 - 0.5 - 20, 7.25 - 0 - 7
        assertArrayEquals(new float[]{6f, 9.5f, 0.25f}, out.get("tagger").wayInMs());
    }

    /** 100 requests' figures: {@code common} for each but the last ones, which are {@code last}. */
    private static float[] column(float common, float... last) {
        float[] values = new float[100];
        Arrays.fill(values, common);
        System.arraycopy(last, 0, values, values.length - last.length, last.length);
        return values;
    }

    private static ServiceStats stats(String service, String device, double p99Ms) {
        LatencySummary window = new LatencySummary(200, 0, 0, 20, 15, 30, p99Ms, p99Ms);
        return new ServiceStats(service, device, true, 0, 100, 0.99, window, window);
    }
}
