package io.deepedge.experiments.cli;

import io.deepedge.hw.local.AgentLauncher;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A remote agent ({@code ./deepedge agent}) gets its JVM options from the launcher script, a local one from
 * {@link AgentLauncher#DEFAULT_JVM_OPTIONS}: the two must be the same collector and heap, or a profile measured with
 * one kind of agent describes the other wrongly.
 */
class AgentJvmOptionsTest {
    @Test
    void theLauncherScriptStartsRemoteAgentsWithTheLocalAgentsOptions() throws IOException {
        List<String> line = Files.readAllLines(Path.of("../deepedge")).stream()
                .filter(l -> l.startsWith("AGENT_JVM_OPTIONS=")).toList();
        assertEquals(1, line.size(), "one AGENT_JVM_OPTIONS line in ../deepedge");
        String value = line.get(0).substring("AGENT_JVM_OPTIONS=".length()).replace("\"", "");
        assertEquals(AgentLauncher.DEFAULT_JVM_OPTIONS, List.of(value.split(" ")));
    }
}
