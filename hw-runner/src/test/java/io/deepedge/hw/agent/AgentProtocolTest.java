package io.deepedge.hw.agent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deepedge.hw.rpc.RemoteCallException;
import io.deepedge.hw.rpc.AgentClient;
import io.deepedge.hw.rpc.FloatCodec;
import io.deepedge.hw.rpc.GradientResult;
import io.deepedge.hw.rpc.ProtocolVersions;
import io.deepedge.hw.rpc.ServiceSpec;
import io.deepedge.hw.rpc.v1.BatchTiming;
import io.deepedge.hw.rpc.v1.FloatVector;
import io.deepedge.hw.rpc.v1.GradientRequest;
import io.deepedge.hw.rpc.v1.HelloReply;
import io.deepedge.hw.rpc.v1.HelloRequest;
import io.deepedge.hw.rpc.v1.MetricsSnapshot;
import io.deepedge.hw.rpc.v1.ProtocolVersion;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Hello, gradients, calibration and metrics on a real agent with the linear-regression worker. Expected gradients
 * are worked out by hand below for the rows (x, y) = (1, 2), (2, 3), (3, 5) at w = 1, b = 0.5: predictions 1.5,
 * 2.5, 3.5, residuals r = -0.5, -0.5, -1.5.
 */
class AgentProtocolTest {
    private static final float[] PARAMS = {1f, 0.5f};
    private AgentFixture agent;

    @BeforeEach
    void start() throws Exception {
        agent = AgentFixture.linear();
    }

    @AfterEach
    void stop() throws Exception {
        agent.close();
    }

    @Test
    void helloReturnsTheDeviceAndTheProtocolVersion() throws Exception {
        HelloReply reply = agent.client().hello("test");
        assertEquals(AgentFixture.NAME, reply.getDevice().getName());
        assertEquals(ProtocolVersions.MAJOR, reply.getVersion().getMajor());
    }

    @Test
    void anotherMajorVersionIsRefusedWithFailedPrecondition() {
        HelloRequest future = HelloRequest.newBuilder()
                .setVersion(ProtocolVersion.newBuilder().setMajor(ProtocolVersions.MAJOR + 1).setMinor(3)).build();
        Status status = refusal(() -> agent.rawBlocking().hello(future));
        assertEquals(Status.Code.FAILED_PRECONDITION, status.getCode());
        assertTrue(status.getDescription().contains("protocol " + (ProtocolVersions.MAJOR + 1) + ".3 is not supported"),
                status.getDescription());
    }

    @Test
    void anotherMinorVersionIsAccepted() {
        HelloRequest newer = HelloRequest.newBuilder().setVersion(ProtocolVersion.newBuilder()
                .setMajor(ProtocolVersions.MAJOR).setMinor(ProtocolVersions.MINOR + 7)).build();
        assertEquals(AgentFixture.NAME, agent.rawBlocking().hello(newer).getDevice().getName());
    }

    @Test
    void helloWithoutVersionIsInvalid() {
        Status status = refusal(() -> agent.rawBlocking().hello(HelloRequest.getDefaultInstance()));
        assertEquals(Status.Code.INVALID_ARGUMENT, status.getCode());
        assertTrue(status.getDescription().startsWith("version: missing"), status.getDescription());
    }

    @Test
    void gradientBeforeHelloOrBeforeShardFailsPrecondition() throws Exception {
        AgentClient client = agent.client();
        RemoteCallException beforeHello = assertThrows(RemoteCallException.class,
                () -> client.gradient(1, 1, PARAMS, 0, 3));
        assertEquals(Status.Code.FAILED_PRECONDITION, beforeHello.code());
        assertTrue(beforeHello.getMessage().contains("call Hello first"), beforeHello.getMessage());
        client.hello("test");
        RemoteCallException beforeShard = assertThrows(RemoteCallException.class,
                () -> client.gradient(1, 1, PARAMS, 0, 3));
        assertEquals(Status.Code.FAILED_PRECONDITION, beforeShard.code());
        assertTrue(beforeShard.getMessage().contains("call LoadShard before ComputeGradient"), beforeShard.getMessage());
    }

    @Test
    void gradientIsSummedOverTheLocalBatch() throws Exception {
        AgentClient client = agent.readyClient();
        GradientResult all = client.gradient(7, 1, PARAMS, 0, 3);
        // dL/dw = sum r x = -0.5 - 1 - 4.5; dL/db = sum r; loss = 0.5 sum r^2 = 0.5 (0.25 + 0.25 + 2.25)
        assertArrayEquals(new float[] {-6f, -2.5f}, all.gradientSum(), 1e-6f);
        assertEquals(1.375, all.lossSum(), 1e-9);
        assertEquals(7, all.iteration());
        assertEquals(3, all.sampleCount());
        GradientResult lastTwo = client.gradient(8, 1, PARAMS, 1, 2);
        assertArrayEquals(new float[] {-5.5f, -2f}, lastTwo.gradientSum(), 1e-6f);
        assertEquals(1.25, lastTwo.lossSum(), 1e-9);
    }

    @Test
    void heldParametersServeARetryOfTheSameVersionOnly() throws Exception {
        AgentClient client = agent.readyClient();
        GradientResult sent = client.gradient(1, 41, PARAMS, 0, 3);
        GradientResult retried = client.gradientWithHeldParams(1, 41, 0, 3, PARAMS.length);
        assertArrayEquals(sent.gradientSum(), retried.gradientSum());
        RemoteCallException stale = assertThrows(RemoteCallException.class,
                () -> client.gradientWithHeldParams(2, 42, 0, 3, PARAMS.length));
        assertEquals(Status.Code.FAILED_PRECONDITION, stale.code());
        assertTrue(stale.getMessage().contains("params_version 42 is not held (the agent holds version 41)"),
                stale.getMessage());
    }

    @Test
    void malformedGradientRequestsAreInvalidWithTheFieldNamed() throws Exception {
        agent.readyClient();
        var stub = agent.rawBlocking();
        FloatVector good = FloatCodec.encode(PARAMS);
        FloatVector shortBytes = good.toBuilder().setDataLe(good.getDataLe().substring(0, 7)).build();
        FloatVector wrongCount = FloatCodec.encode(new float[] {1, 2, 3});
        assertInvalid("params.data_le: 7 bytes, expected 4 x 2 = 8", request(shortBytes, 0, 3));
        assertInvalid("params.count: 3, expected 2", request(wrongCount, 0, 3));
        assertInvalid("sample_count: 0, expected >= 1", request(good, 0, 0));
        assertInvalid("from_sample + sample_count: 2 + 2 = 4, expected <= 3", request(good, 2, 2));
        assertInvalid("from_sample + sample_count: 4294967295 + 1", request(good, -1, 1));
        // the agent serves on
        assertEquals(3, stub.computeGradient(request(good, 0, 3)).getSampleCount());
    }

    @Test
    void calibrationTimesEachBatchSize() throws Exception {
        AgentClient client = agent.readyClient();
        List<BatchTiming> timings = client.calibrate(List.of(1, 3), 5).getTimingsList();
        assertEquals(List.of(1, 3), timings.stream().map(BatchTiming::getBatchSize).toList());
        for (BatchTiming t : timings) {
            assertTrue(t.getMedianMs() > 0);
            assertEquals(t.getBatchSize() / (t.getMedianMs() / 1000), t.getSamplesPerSec(), 1e-6 * t.getSamplesPerSec());
        }
        RemoteCallException tooLarge = assertThrows(RemoteCallException.class, () -> client.calibrate(List.of(4), 1));
        assertEquals(Status.Code.INVALID_ARGUMENT, tooLarge.code());
        RemoteCallException noReps = assertThrows(RemoteCallException.class, () -> client.calibrate(List.of(1), 0));
        assertEquals(Status.Code.INVALID_ARGUMENT, noReps.code());
    }

    @Test
    void metricsCountGradientsSinceThePreviousSnapshot() throws Exception {
        AgentClient client = agent.readyClient();
        client.metrics();
        client.gradient(1, 1, PARAMS, 0, 3);
        client.gradient(2, 2, PARAMS, 1, 2);
        MetricsSnapshot window = client.metrics();
        assertEquals(AgentFixture.NAME, window.getAgentName());
        assertEquals(2, window.getGradientsComputed());
        assertEquals(5, window.getSamplesComputed());
        assertTrue(window.getWindowEndUnixMs() >= window.getWindowStartUnixMs());
        assertEquals(0, client.metrics().getGradientsComputed());
    }

    @Test
    void servicesOnAnAgentWithoutInferenceHostAreUnimplemented() throws Exception {
        AgentClient client = agent.client();
        client.hello("test");
        RemoteCallException e = assertThrows(RemoteCallException.class,
                () -> client.startServices(List.of(new ServiceSpec("detector", "lenet", 50))));
        assertEquals(Status.Code.UNIMPLEMENTED, e.code());
        assertEquals(List.of(), client.startServices(List.of()));
    }

    @Test
    void aNewHelloDropsTheShard() throws Exception {
        AgentClient client = agent.readyClient();
        client.hello("another coordinator");
        RemoteCallException e = assertThrows(RemoteCallException.class, () -> client.gradient(1, 1, PARAMS, 0, 3));
        assertEquals(Status.Code.FAILED_PRECONDITION, e.code());
    }

    private static GradientRequest request(FloatVector params, int from, int count) {
        return GradientRequest.newBuilder().setIteration(1).setParamsVersion(1).setParams(params)
                .setFromSample(from).setSampleCount(count).build();
    }

    private void assertInvalid(String descriptionStart, GradientRequest request) {
        Status status = refusal(() -> agent.rawBlocking().computeGradient(request));
        assertEquals(Status.Code.INVALID_ARGUMENT, status.getCode(), status.toString());
        assertTrue(status.getDescription().startsWith(descriptionStart), status.getDescription());
    }

    private static Status refusal(Executable call) {
        return assertThrows(StatusRuntimeException.class, call).getStatus();
    }
}
