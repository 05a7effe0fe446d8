package io.deepedge.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One run of a script of {@code experiments/fidelity} as {@code run.sh} runs it ({@code python3 -B}; the tests' working
 * folder is the module's, so {@code fidelity/NAME}): its exit code and both streams.
 */
record FidelityScript(int exit, String out, String err) {
    static FidelityScript run(String name, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("python3", "-B", "fidelity/" + name));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), out + err);
        return new FidelityScript(p.exitValue(), out, err);
    }
}
