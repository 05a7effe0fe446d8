package io.deepedge.hw.bench;

import io.deepedge.hw.agent.AgentServer;
import io.deepedge.hw.agent.AgentServerConfig;
import io.deepedge.hw.agent.BatchGradient;
import io.deepedge.hw.agent.DeviceProbe;
import io.deepedge.hw.agent.GradientWorker;
import io.deepedge.hw.agent.InferenceHost;
import io.deepedge.hw.agent.InvalidShardException;
import io.deepedge.hw.rpc.AgentClient;
import io.deepedge.hw.rpc.CallDeadlines;
import io.deepedge.hw.rpc.FloatCodec;
import io.deepedge.hw.rpc.RemoteCallException;
import io.deepedge.hw.rpc.RpcLimits;
import io.deepedge.hw.rpc.ShardSpec;
import io.deepedge.hw.rpc.Token;
import io.deepedge.hw.rpc.TokenFile;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * gRPC costs between two JVMs over 127.0.0.1: the coordinator side here, an agent in a child JVM with a worker
 * that does no arithmetic (its gradient is a fixed array), so only transport and encoding are timed.
 * Run: {@code mvn -B -q -pl hw-runner -am test-compile -Prpc-bench} (README, "Hardware runner").
 */
public final class RpcBench {
    /** LeNet-class parameter count (BUILD-NOTES: 431k). */
    static final int LENET_FLOATS = 430_000;
    static final int LARGE_FLOATS = 4_000_000;
    private static final String FORMAT = "bench";

    private RpcBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("serve")) {
            serve(Path.of(args[1]));
            return;
        }
        double scale = args.length > 0 ? Double.parseDouble(args[0]) : 1.0;
        Path dir = Files.createTempDirectory("rpc-bench");
        Path tokenFile = TokenFile.generate(dir);
        Process agent = startAgent(tokenFile);
        try {
            int port = readPort(agent);
            Token token = TokenFile.read(tokenFile).token();
            try (AgentClient client = AgentClient.connect("127.0.0.1", port, token, CallDeadlines.defaults(),
                    RpcLimits.DEFAULT_MAX_INBOUND_BYTES)) {
                run(client, scale);
            }
        } finally {
            agent.getOutputStream().close();
            agent.waitFor();
            Files.deleteIfExists(tokenFile);
            Files.deleteIfExists(dir);
        }
    }

    private static void run(AgentClient client, double scale) throws Exception {
        System.out.printf(Locale.ROOT, "%-68s %9s %9s %9s %9s%n", "what (ms per call)", "p50", "p90", "min", "MB/s");
        client.hello("bench");
        time("empty call (StopServices)", 0, n(3000, scale), () -> client.stopServices());
        float[] params = new float[LENET_FLOATS];
        Arrays.fill(params, 0.5f);
        time("encode 430k floats to bytes (same JVM, no RPC)", 0, n(300, scale), () -> FloatCodec.encode(params));
        client.loadShard(spec(1, LENET_FLOATS), new byte[1]);
        long[] version = {0};
        long lenetBytes = 4L * LENET_FLOATS;
        time("gradient round, 430k floats pushed + 430k pulled", 2 * lenetBytes, n(300, scale),
                () -> client.gradient(++version[0], version[0], params, 0, 1));
        time("gradient, held params: 430k floats pulled only", lenetBytes, n(300, scale),
                () -> client.gradientWithHeldParams(version[0], version[0], 0, 1, LENET_FLOATS));
        // sample_count 0 is refused after the whole message arrived and was parsed: a push with no payload back
        time("430k floats pushed only (request refused after parsing)", lenetBytes, n(300, scale),
                () -> expectRefusal(() -> client.gradient(++version[0], version[0], params, 0, 0)));
        byte[] lenet = randomBytes(LENET_FLOATS * 4);
        time("LoadShard 430k floats (1.7 MB) in 1 MiB chunks", lenet.length, n(200, scale),
                () -> client.loadShard(spec(1, 1), lenet));
        byte[] large = randomBytes(LARGE_FLOATS * 4);
        time("SHA-256 of 16 MB (same JVM, no RPC; each side hashes a shard once)", large.length, n(40, scale),
                () -> sha256(large));
        time("LoadShard 4M floats (16 MB) in 1 MiB chunks", large.length, n(40, scale),
                () -> client.loadShard(spec(1, 1), large));
    }

    @FunctionalInterface
    private interface Call {
        void run() throws RemoteCallException;
    }

    private static void time(String what, long bytes, int reps, Call call) throws RemoteCallException {
        for (int i = 0; i < Math.max(5, reps / 5); i++) {
            call.run();
        }
        double[] ms = new double[reps];
        for (int i = 0; i < reps; i++) {
            long start = System.nanoTime();
            call.run();
            ms[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(ms);
        double p50 = ms[reps / 2];
        String rate = bytes == 0 ? "-" : String.format(Locale.ROOT, "%.0f", bytes / 1e6 / (p50 / 1000));
        System.out.printf(Locale.ROOT, "%-68s %9.3f %9.3f %9.3f %9s%n", what, p50, ms[(int) (reps * 0.9)], ms[0],
                rate);
    }

    private static void expectRefusal(Call call) throws RemoteCallException {
        try {
            call.run();
        } catch (RemoteCallException e) {
            if (e.code() == io.grpc.Status.Code.INVALID_ARGUMENT) {
                return;
            }
            throw e;
        }
        throw new IllegalStateException("the agent accepted sample_count 0");
    }

    private static void sha256(byte[] data) {
        try {
            java.security.MessageDigest.getInstance("SHA-256").digest(data);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int n(int reps, double scale) {
        return Math.max(10, (int) (reps * scale));
    }

    private static ShardSpec spec(int samples, int parameters) {
        return new ShardSpec("bench", FORMAT, samples, "none",
                Integer.toString(parameters).getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        new Random(7).nextBytes(b);
        return b;
    }

    private static Process startAgent(Path tokenFile) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                RpcBench.class.getName(), "serve", tokenFile.toString()));
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    private static int readPort(Process agent) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(agent.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (line == null || !line.startsWith("PORT ")) {
            throw new IllegalStateException("agent did not start: " + line);
        }
        return Integer.parseInt(line.substring(5).trim());
    }

    /** The child: an agent on a free port that stops when its stdin (a pipe from the parent) closes. */
    private static void serve(Path tokenFile) throws Exception {
        Logger.getLogger("").setLevel(Level.WARNING);
        Token token = TokenFile.read(tokenFile).token();
        AgentServer server = AgentServer.start(AgentServerConfig.loopback("bench-agent", 0), token,
                DeviceProbe.probe("bench-agent"), RpcBench::load, InferenceHost.none());
        System.out.println("PORT " + server.port());
        System.out.flush();
        while (System.in.read() >= 0) {
            // wait for EOF
        }
        server.kill();
    }

    private static GradientWorker load(ShardSpec spec, byte[] data) throws InvalidShardException {
        if (!spec.format().equals(FORMAT)) {
            throw new InvalidShardException("format " + spec.format() + ", expected " + FORMAT);
        }
        int parameters = Integer.parseInt(new String(spec.modelConfig(), StandardCharsets.US_ASCII));
        float[] gradient = new float[parameters];
        Arrays.fill(gradient, 0.25f);
        return new GradientWorker() {
            @Override
            public int parameterCount() {
                return parameters;
            }

            @Override
            public int sampleCount() {
                return spec.sampleCount();
            }

            @Override
            public BatchGradient gradient(float[] params, int fromSample, int count) {
                return new BatchGradient(gradient, 0);
            }
        };
    }
}
