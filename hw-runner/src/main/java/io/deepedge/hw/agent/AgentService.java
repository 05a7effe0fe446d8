package io.deepedge.hw.agent;

import com.google.protobuf.ByteString;
import io.deepedge.hw.rpc.ProtocolVersions;
import io.deepedge.hw.rpc.Refusals;
import io.deepedge.hw.rpc.ServiceSpec;
import io.deepedge.hw.rpc.v1.AgentServiceGrpc;
import io.deepedge.hw.rpc.v1.CalibrateReply;
import io.deepedge.hw.rpc.v1.CalibrateRequest;
import io.deepedge.hw.rpc.v1.CalibrateServicesReply;
import io.deepedge.hw.rpc.v1.CalibrateServicesRequest;
import io.deepedge.hw.rpc.v1.DeviceInfo;
import io.deepedge.hw.rpc.v1.GradientReply;
import io.deepedge.hw.rpc.v1.GradientRequest;
import io.deepedge.hw.rpc.v1.HelloReply;
import io.deepedge.hw.rpc.v1.HelloRequest;
import io.deepedge.hw.rpc.v1.InferReply;
import io.deepedge.hw.rpc.v1.InferRequest;
import io.deepedge.hw.rpc.v1.MetricsRequest;
import io.deepedge.hw.rpc.v1.MetricsSnapshot;
import io.deepedge.hw.rpc.v1.ShardChunk;
import io.deepedge.hw.rpc.v1.ShardLoaded;
import io.deepedge.hw.rpc.v1.ShutdownReply;
import io.deepedge.hw.rpc.v1.ShutdownRequest;
import io.deepedge.hw.rpc.v1.StartServicesReply;
import io.deepedge.hw.rpc.v1.StartServicesRequest;
import io.deepedge.hw.rpc.v1.StopServicesReply;
import io.deepedge.hw.rpc.v1.StopServicesRequest;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The agent's side of {@code AgentService}: checks each message, hands the work to the session, the inference
 * host or the metrics, and turns every failure into a status with a description. Nothing a caller sends can
 * end the agent except Shutdown.
 */
final class AgentService extends AgentServiceGrpc.AgentServiceImplBase {
    private static final System.Logger LOG = System.getLogger(AgentService.class.getName());
    /** How long the idle reply thread lives on: past every gap between requests of a run, not past the agent. */
    private static final long REPLY_THREAD_IDLE_SEC = 30;

    private final DeviceInfo device;
    private final long maxShardBytes;
    private final TrainingSession session;
    private final InferenceHost host;
    private final AgentMetrics metrics;
    private final Runnable onShutdown;
    private final ServiceCalibrator serviceCalibrator;
    /**
     * Sends the {@code Infer} replies, one after the other. The host completes a request's reply on the service's
     * FCFS worker, and sending it there (the reply's serialisation, its hand-off to gRPC's transport) held up the
     * next request in the queue: a service time that the model call's figures, the profile and the twin do not
     * hold (0.21-0.25 ms of CPU a request on small's tagger, experiments/fidelity/STUDIES.md "The reply off the
     * worker"). In-process callers of the host (the calibrators) still see the reply completed on the worker.
     * At most one daemon thread, ended after {@link #REPLY_THREAD_IDLE_SEC} idle, so a stopped agent leaves none.
     */
    private final Executor replies;

    AgentService(DeviceInfo device, long maxShardBytes, ShardLoader loader, InferenceHost host, Runnable onShutdown) {
        this.replies = replyThread();
        this.device = device;
        this.maxShardBytes = maxShardBytes;
        this.metrics = new AgentMetrics(device.getName());
        this.session = new TrainingSession(loader, metrics);
        this.host = host;
        this.onShutdown = onShutdown;
        this.serviceCalibrator = new ServiceCalibrator(session, host, device.getCpuQuotaCores());
    }

    /** Work that answers one message or refuses it with a status. */
    @FunctionalInterface
    private interface Answer<R> {
        R get() throws StatusException;
    }

    @Override
    public void hello(HelloRequest request, StreamObserver<HelloReply> reply) {
        respond("Hello", reply, () -> {
            Optional<Status> refusal = ProtocolVersions.refusal(request.hasVersion(), request.getVersion());
            if (refusal.isPresent()) {
                throw refusal.get().asException();
            }
            session.open(request.getCoordinatorId());
            return HelloReply.newBuilder().setVersion(ProtocolVersions.current()).setDevice(device).build();
        });
    }

    @Override
    public StreamObserver<ShardChunk> loadShard(StreamObserver<ShardLoaded> reply) {
        return new ShardReceiver(session, maxShardBytes, reply);
    }

    @Override
    public void computeGradient(GradientRequest request, StreamObserver<GradientReply> reply) {
        respond("ComputeGradient", reply, () -> session.gradient(request));
    }

    @Override
    public void calibrate(CalibrateRequest request, StreamObserver<CalibrateReply> reply) {
        respond("Calibrate", reply, () -> session.calibrate(request));
    }

    @Override
    public void calibrateServices(CalibrateServicesRequest request, StreamObserver<CalibrateServicesReply> reply) {
        respond("CalibrateServices", reply, () -> {
            session.requireOpen("CalibrateServices");
            return serviceCalibrator.calibrate(request);
        });
    }

    @Override
    public void startServices(StartServicesRequest request, StreamObserver<StartServicesReply> reply) {
        respond("StartServices", reply, () -> {
            session.requireOpen("StartServices");
            List<ServiceSpec> specs = new ArrayList<>();
            for (int i = 0; i < request.getServicesCount(); i++) {
                var s = request.getServices(i);
                try {
                    specs.add(new ServiceSpec(s.getServiceId(), s.getModelId(), s.getDeadlineMs()));
                } catch (IllegalArgumentException e) {
                    throw Refusals.invalid("services[" + i + "]: " + e.getMessage());
                }
            }
            return StartServicesReply.newBuilder().addAllServiceIds(callHost(() -> host.start(specs))).build();
        });
    }

    @Override
    public void stopServices(StopServicesRequest request, StreamObserver<StopServicesReply> reply) {
        respond("StopServices", reply, () -> {
            callHost(() -> {
                host.stop();
                return null;
            });
            return StopServicesReply.getDefaultInstance();
        });
    }

    @Override
    public void infer(InferRequest request, StreamObserver<InferReply> reply) {
        if (request.getServiceId().isEmpty()) {
            reply.onError(Refusals.invalid("service_id: empty, expected a started service's id"));
            return;
        }
        try {
            host.infer(request.getServiceId(), request.getRequestId(), request.getScheduledArrivalUnixNanos(),
                    request.getInput().toByteArray()).whenCompleteAsync((output, failure) -> {
                        if (failure != null) {
                            reply.onError(hostFailure(failure).asException());
                        } else {
                            complete(reply, InferReply.newBuilder().setRequestId(request.getRequestId())
                                    .setOutput(ByteString.copyFrom(output)).build());
                        }
                    }, replies);
        } catch (RuntimeException e) {
            reply.onError(hostFailure(e).asException());
        }
    }

    @Override
    public void getMetrics(MetricsRequest request, StreamObserver<MetricsSnapshot> reply) {
        respond("GetMetrics", reply, () -> callHost(() -> metrics.drain(host)));
    }

    @Override
    public void shutdown(ShutdownRequest request, StreamObserver<ShutdownReply> reply) {
        LOG.log(System.Logger.Level.INFO, "shutdown requested: {0}", request.getReason());
        complete(reply, ShutdownReply.getDefaultInstance());
        onShutdown.run();
    }

    /** The metrics window since the previous snapshot, for an agent that pushes its metrics. */
    MetricsSnapshot drainMetrics() {
        return metrics.drain(host);
    }

    private static <R> void respond(String call, StreamObserver<R> reply, Answer<R> answer) {
        R result;
        try {
            result = answer.get();
        } catch (StatusException e) {
            LOG.log(System.Logger.Level.DEBUG, "{0} refused: {1}", call, e.getStatus());
            reply.onError(e);
            return;
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, call + " failed", e);
            reply.onError(Status.INTERNAL.withDescription(call + " failed: " + e).asException());
            return;
        }
        complete(reply, result);
    }

    private static Executor replyThread() {
        ThreadPoolExecutor one = new ThreadPoolExecutor(1, 1, REPLY_THREAD_IDLE_SEC, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "lc-reply");
                    t.setDaemon(true);
                    return t;
                });
        one.allowCoreThreadTimeOut(true);
        return one;
    }

    private static <R> void complete(StreamObserver<R> reply, R result) {
        if (reply instanceof ServerCallStreamObserver<R> server && server.isCancelled()) {
            return; // the caller's deadline passed or it went away; nobody is listening
        }
        reply.onNext(result);
        reply.onCompleted();
    }

    private static <R> R callHost(Answer<R> call) throws StatusException {
        try {
            return call.get();
        } catch (RuntimeException e) {
            throw hostFailure(e).asException();
        }
    }

    private static Status hostFailure(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        String message = String.valueOf(cause.getMessage());
        if (cause instanceof IllegalArgumentException) {
            return Status.INVALID_ARGUMENT.withDescription(message);
        }
        if (cause instanceof IllegalStateException) {
            return Status.FAILED_PRECONDITION.withDescription(message);
        }
        if (cause instanceof UnsupportedOperationException) {
            return Status.UNIMPLEMENTED.withDescription(message);
        }
        LOG.log(System.Logger.Level.ERROR, "inference host failed", cause);
        return Status.INTERNAL.withDescription("inference host failed: " + cause);
    }
}
