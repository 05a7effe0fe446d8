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
     * The JVM options agents get unless told otherwise: a modest heap; G1, named because a JVM that sees one
     * processor picks the serial collector, and because under a CPU quota G1 kept the LC tail short where ZGC did
     * not: one LeNet service alone on a 0.6-CPU agent at 80 req/s had client p99 13-27 ms with G1 (three runs),
     * 360-480 ms with ZGC (four) and 140-200 ms with the serial collector (three), and G1 was ahead at 0.3 and 0.15 CPU
     * and beside training too (README "Fidelity study", the {@code lc} bench); and the client compiler only: under a
     * small quota the server compiler's compilations ran for minutes of the device's quota, so a 0.15-CPU agent kept
     * getting faster for ~80 gradient calls (C1 only: ~30) and an LC request was measured at 12.7 ms of a 0.6-CPU
     * agent's time where it is ~5.6 ms once compiled; the training compute runs in ND4J's native code either way (the
     * {@code warmcurve} bench); and a young generation of fixed size: left to G1, it grew a few seconds into an agent's
     * life (when training's large arrays came), so that each pause copied every ND4J deallocator reference allocated
     * since the last (45-50 ms of CPU, most of a 0.6-CPU period's budget) and the pauses a profile measured on a young
     * agent (5 ms) were not the ones its runs had; at 32 MB a 0.6-CPU agent at 134 req/s had p99 39-75 ms (three runs) against
     * 142-204 ms with the same CPU per request (README "Collector pauses in the twin").
     */
    List<String> DEFAULT_JVM_OPTIONS = List.of("-Xmx1g", "-Xmn32m", "-XX:+UseG1GC", "-XX:TieredStopAtLevel=1");

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
