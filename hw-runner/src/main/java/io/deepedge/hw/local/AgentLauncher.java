package io.deepedge.hw.local;

import io.deepedge.hw.train.BaseModelCache;
import io.deepedge.hw.train.NativeCallSafety;
import io.deepedge.hw.train.Nd4jSetup;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How {@link LocalCluster} starts one agent process: the command line of a JVM running the agent with the
 * launcher's options ({@code --port 0 --token-file F --name N --exit-on-stdin-eof --port-file P [--cgroup D]}).
 * The CLI's launcher runs {@code io.deepedge.experiments.cli.Main agent ...}; tests run a small main of their own.
 */
@FunctionalInterface
public interface AgentLauncher {
    /**
     * What one launch needs.
     *
     * @param cgroupDir the agent's cgroup, when quotas are enforced
     */
    record Launch(String name, double cpus, Path tokenFile, Path portFile, Optional<Path> cgroupDir) {
    }

    /** The command line (program first). */
    List<String> command(Launch launch);

    /**
     * The JVM options agents get unless told otherwise (README "The collector under a CPU quota"): a modest heap of
     * fixed young generation; the parallel collector, named because a JVM that sees one processor picks the serial
     * collector, with survivor spaces that hold the ND4J deallocator references every pause keeps alive once (half
     * the young generation each, filled to 90 %): with G1's default survivors the overflow was promoted (~2.7 MB/s at
     * 124 req/s on a 0.6-CPU agent), the old generation filled and G1's concurrent cycles stalled a service for ~1 s
     * every 10-60 s (the {@code lc} bench: p99 583 ms; with these options 19-25 ms); and the client compiler only
     * (under a small quota the server compiler's compilations ran for minutes of the device's quota; the training
     * compute runs in ND4J's native code either way). An agent with these options once crashed in ND4J's native
     * code (2026-11-30 17:32): that was a use-after-free any collector can trigger, closed by
     * {@link NativeCallSafety}, which every launch adds. {@code ./deepedge agent} starts a remote agent with the same
     * options ({@code deepedge}'s launcher script; {@code AgentJvmOptionsTest}).
     */
    List<String> DEFAULT_JVM_OPTIONS = List.of("-Xmx1g", "-Xmn32m", "-XX:SurvivorRatio=2", "-XX:TargetSurvivorRatio=90",
            "-XX:+UseParallelGC", "-XX:TieredStopAtLevel=1");

    /** The java program this JVM runs on, for the processes it starts on its own class path. */
    static String javaBinary() {
        return ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString());
    }

    /**
     * A launcher running {@code mainClass} with {@code argsBefore} (e.g. {@code agent}) on this JVM's class path,
     * with this JVM's ND4J native folder, model folder and the quota's processor count, and always with
     * {@link NativeCallSafety#JVM_OPTIONS} (before {@code jvmOptions}: they are not a tuning choice).
     */
    static AgentLauncher javaMain(String mainClass, List<String> argsBefore, List<String> jvmOptions) {
        List<String> fixedArgs = List.copyOf(argsBefore);
        List<String> fixedJvm = List.copyOf(jvmOptions);
        return launch -> {
            Nd4jSetup.configure();
            List<String> cmd = new ArrayList<>();
            cmd.add(javaBinary());
            cmd.addAll(NativeCallSafety.JVM_OPTIONS);
            cmd.addAll(fixedJvm);
            cmd.addAll(io.deepedge.hw.cgroup.CpuQuotas.threadJvmOptions(launch.cpus()));
            String extra = System.getenv("DEEPEDGE_AGENT_JAVA_OPTS");
            if (extra != null && !extra.isBlank()) {
                cmd.addAll(List.of(extra.trim().split("\\s+")));
            }
            cmd.addAll(Nd4jSetup.propertyOptions());
            cmd.add("-D" + BaseModelCache.DIR_PROPERTY + "=" + BaseModelCache.defaultDir().toAbsolutePath());
            cmd.add("-Djava.awt.headless=true");
            cmd.add("-cp");
            cmd.add(System.getProperty("java.class.path"));
            cmd.add(mainClass);
            cmd.addAll(fixedArgs);
            cmd.addAll(List.of("--port", "0", "--token-file", launch.tokenFile().toString(), "--name", launch.name(),
                    "--exit-on-stdin-eof", "--port-file", launch.portFile().toString()));
            launch.cgroupDir().ifPresent(d -> cmd.addAll(List.of("--cgroup", d.toString())));
            return cmd;
        };
    }
}
