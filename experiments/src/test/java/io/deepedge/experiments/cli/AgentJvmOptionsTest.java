package io.deepedge.experiments.cli;

import io.deepedge.hw.local.AgentLauncher;
import io.deepedge.hw.train.NativeCallSafety;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A remote agent ({@code ./deepedge agent}) gets its JVM options from the launcher script, a local one from
 * {@link AgentLauncher#DEFAULT_JVM_OPTIONS}: the two must be the same collector and heap, or a profile measured with
 * one kind of agent describes the other wrongly. Every JVM the script starts also gets {@link NativeCallSafety}'s
 * options, as agents started by the launcher do. And the coordinator of {@code testbed} and {@code profile} runs with
 * its young generation fixed and its initial heap touched at start, so encoding a parameter vector never waits for the
 * first touch of new pages (checked on a real JVM's final flags, not on the script's text alone).
 */
class AgentJvmOptionsTest {
    @Test
    void theLauncherScriptStartsRemoteAgentsWithTheLocalAgentsOptions() throws IOException {
        assertEquals(AgentLauncher.DEFAULT_JVM_OPTIONS, scriptList("AGENT_JVM_OPTIONS"));
    }

    /** Every JVM the script starts (coordinator, remote agents) runs ND4J and needs them, as local agents get them. */
    @Test
    void theLauncherScriptStartsEveryJvmWithTheNativeCallSafetyOptions() throws IOException {
        assertEquals(NativeCallSafety.JVM_OPTIONS, scriptList("NATIVE_SAFETY_OPTIONS"));
        List<String> java = script().stream().filter(l -> l.startsWith("exec java ")).toList();
        assertEquals(List.of("exec java $NATIVE_SAFETY_OPTIONS"), java.stream()
                .map(l -> l.substring(0, "exec java $NATIVE_SAFETY_OPTIONS".length())).toList(),
                "the script's one java command starts with the options");
    }

    @Test
    void theCoordinatorOfTestbedAndProfileRunsWithAFixedYoungGenerationTouchedAtStart() throws Exception {
        List<String> dispatch = script().stream().map(String::strip)
                .filter(l -> l.endsWith("JVM_OPTIONS=\"$COORDINATOR_JVM_OPTIONS\" ;;")).toList();
        assertEquals(List.of("testbed|profile) JVM_OPTIONS=\"$COORDINATOR_JVM_OPTIONS\" ;;"), dispatch);

        List<String> command = new java.util.ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElseThrow());
        command.addAll(scriptList("COORDINATOR_JVM_OPTIONS"));
        command.addAll(List.of("-XX:+PrintFlagsFinal", "-version"));
        Process jvm = new ProcessBuilder(command).redirectErrorStream(true).start();
        java.util.Map<String, String> flags = new java.util.HashMap<>();
        try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(jvm.getInputStream(),
                java.nio.charset.StandardCharsets.UTF_8))) {
            lines.lines().map(String::trim).map(l -> l.split("\\s+")).filter(f -> f.length >= 4 && f[2].equals("="))
                    .forEach(f -> flags.put(f[1], f[3]));
        }
        assertEquals(0, jvm.waitFor(), "the JVM accepts the options");
        long young = Long.parseLong(flags.get("NewSize"));
        assertEquals(young, Long.parseLong(flags.get("MaxNewSize")), "the young generation cannot grow");
        assertEquals(512L << 20, young);
        org.junit.jupiter.api.Assertions.assertTrue(Long.parseLong(flags.get("InitialHeapSize")) > young,
                "an old generation is committed (and touched) at start too");
        assertEquals("true", flags.get("AlwaysPreTouch"));
        assertEquals("true", flags.get("UseParallelGC"), "the collector the timings were measured with");
    }

    private static List<String> script() throws IOException {
        return Files.readAllLines(Path.of("../deepedge"));
    }

    private static List<String> scriptList(String variable) throws IOException {
        List<String> line = script().stream().filter(l -> l.startsWith(variable + "=")).toList();
        assertEquals(1, line.size(), "one " + variable + " line in ../deepedge");
        return List.of(line.get(0).substring(variable.length() + 1).replace("\"", "").split(" "));
    }
}
