package io.deepedge.hw.local;

import io.deepedge.hw.train.BaseModelCache;
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
     * The JVM options agents get unless told otherwise (README "The collector under a CPU quota"):
     * <ul>
     * <li>a modest heap with a young generation of fixed size: left to the collector it grew a few seconds into an
     * agent's life (when training's large arrays came), and each pause copies every ND4J deallocator reference
     * allocated since the last one, so the pauses grew with it (45-50 ms of CPU, most of a 0.6-CPU period's budget);
     * <li>survivor spaces that hold those references (half of the young generation each, filled up to 90 %): every
     * reference allocated since the last pause outlives it once (it waits for its deallocator), and with the default
     * survivors (an eighth, half full) the overflow was promoted, ~2.7 MB/s at 124 req/s on a 0.6-CPU agent, so the
     * old generation filled and G1's concurrent cycles (0.3-0.9 s of marking sharing the quota with the service) came
     * every 10-60 s and stalled it for a second (2026-11-30, the {@code lc} bench: p99 583 ms; with these survivors
     * the old generation stays flat);
     * <li>the parallel collector, which has no concurrent work at all (pauses only, on the quota's processors, as the
     * twin's collector model assumes), and whose young pauses cost ~10 ms of CPU where G1's cost 15 ms: one LeNet
     * service alone on a 0.6-CPU agent at 124 req/s had client p99 19-25 ms (three runs) against 27-32 with G1 and the
     * same survivors; named because a JVM that sees one processor picks the serial collector (ZGC, G1 with default
     * survivors and the serial collector with a free young generation gave 13-480 ms tails in the earlier benches);
     * <li>the client compiler only: under a small quota the server compiler's compilations ran for minutes of the
     * device's quota, so a 0.15-CPU agent kept getting faster for ~80 gradient calls (C1 only: ~30); the training
     * compute runs in ND4J's native code either way (the {@code warmcurve} bench).
     * </ul>
     * {@code ./deepedge agent} starts a remote agent with the same options ({@code deepedge}'s launcher script).
     */
    List<String> DEFAULT_JVM_OPTIONS = List.of("-Xmx1g", "-Xmn32m", "-XX:SurvivorRatio=2", "-XX:TargetSurvivorRatio=90",
            "-XX:+UseParallelGC", "-XX:TieredStopAtLevel=1");

    /**
     * A launcher running {@code mainClass} with {@code argsBefore} (e.g. {@code agent}) on this JVM's class path,
     * with this JVM's ND4J native folder, model folder and the quota's processor count.
     */
    static AgentLauncher javaMain(String mainClass, List<String> argsBefore, List<String> jvmOptions) {
        List<String> fixedArgs = List.copyOf(argsBefore);
        List<String> fixedJvm = List.copyOf(jvmOptions);
        return launch -> {
            Nd4jSetup.configure();
            List<String> cmd = new ArrayList<>();
            cmd.add(ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString()));
            cmd.addAll(fixedJvm);
            cmd.addAll(io.deepedge.hw.cgroup.CpuQuotas.threadJvmOptions(launch.cpus()));
            String extra = System.getenv("DEEPEDGE_AGENT_JAVA_OPTS");
            if (extra != null && !extra.isBlank()) {
                cmd.addAll(List.of(extra.trim().split("\\s+")));
            }
            for (String property : List.of("org.bytedeco.javacpp.cachedir", "org.deeplearning4j.resources.directory",
                    "org.deeplearning4j.crash.reporting.enabled", Nd4jSetup.DIR_PROPERTY)) {
                String value = System.getProperty(property);
                if (value != null) {
                    cmd.add("-D" + property + "=" + value);
                }
            }
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
