package io.deepedge.hw.local;

import io.deepedge.hw.agent.ShardLoader;
import io.deepedge.hw.device.AgentOptions;
import io.deepedge.hw.device.AgentRuntime;
import io.deepedge.hw.device.Dl4jShardLoader;
import io.deepedge.hw.rpc.ServerSecurity;
import io.deepedge.hw.rpc.TokenFile;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The agent entry point of hw-runner's tests: the options {@link AgentLauncher#javaMain} passes, parsed without
 * the CLI (which lives in {@code experiments}), then the same {@link AgentRuntime} {@code ./deepedge agent} runs.
 */
public final class TestAgentMain {
    private TestAgentMain() {
    }

    public static void main(String[] args) throws Exception {
        run(args, new Dl4jShardLoader());
    }

    /** Parses the launcher's options and runs the agent with {@code loader} (benchmarks pass their own). */
    public static void run(String[] args, ShardLoader loader) throws Exception {
        String name = "agent";
        int port = 0;
        Path tokenFile = null;
        Path portFile = null;
        Path cgroup = null;
        boolean stdinEof = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--name" -> name = args[++i];
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--token-file" -> tokenFile = Path.of(args[++i]);
                case "--port-file" -> portFile = Path.of(args[++i]);
                case "--cgroup" -> cgroup = Path.of(args[++i]);
                case "--exit-on-stdin-eof" -> stdinEof = true;
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        AgentOptions options = new AgentOptions(name, "127.0.0.1", port, tokenFile, Optional.empty(), stdinEof,
                Optional.ofNullable(portFile), Optional.ofNullable(cgroup));
        List<String> problems = options.problems();
        if (!problems.isEmpty()) {
            problems.forEach(System.err::println);
            System.exit(2);
        }
        AgentRuntime agent = AgentRuntime.start(options, TokenFile.read(tokenFile).token(),
                ServerSecurity.plaintext(), loader, new PrintWriter(System.out, true));
        System.exit(agent.awaitStop());
    }

    /** A launcher of this main on the test class path. */
    public static AgentLauncher launcher() {
        return launcher(List.of());
    }

    /** The same with {@code extraJvmOptions} after the usual ones (a later option overrides an earlier one). */
    public static AgentLauncher launcher(List<String> extraJvmOptions) {
        List<String> jvm = new java.util.ArrayList<>(List.of("-Xmx512m", "-XX:+UseSerialGC"));
        jvm.addAll(extraJvmOptions);
        return AgentLauncher.javaMain(TestAgentMain.class.getName(), List.of(), jvm);
    }
}
