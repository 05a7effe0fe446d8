package io.deepedge.experiments.cli;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One run of a script of {@code experiments/fidelity} as {@code run.sh} runs it ({@code python3 -B}; the tests' working
 * folder is the module's, so {@code fidelity/NAME}): its exit code and both streams, read at once so that neither
 * pipe can fill and stall the script.
 */
public record FidelityScript(int exit, String out, String err) {
    public static FidelityScript run(String name, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("python3", "-B", "fidelity/" + name));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).start();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> text(p.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> text(p.getErrorStream()));
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            // a hung script is stopped, not left running past the test (its streams then end, and are shown)
            p.destroyForcibly().waitFor();
            fail("fidelity/" + name + " did not end within 60 s: " + out.join() + err.join());
        }
        return new FidelityScript(p.exitValue(), out.join(), err.join());
    }

    /** Standard output, then standard error: for the checks that do not care which stream says it. */
    public String output() {
        return out + err;
    }

    private static String text(InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
