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
 * options, as agents started by the launcher do.
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

    private static List<String> script() throws IOException {
        return Files.readAllLines(Path.of("../deepedge"));
    }

    private static List<String> scriptList(String variable) throws IOException {
        List<String> line = script().stream().filter(l -> l.startsWith(variable + "=")).toList();
        assertEquals(1, line.size(), "one " + variable + " line in ../deepedge");
        return List.of(line.get(0).substring(variable.length() + 1).replace("\"", "").split(" "));
    }
}
