package io.deepedge.experiments.cli;

import io.deepedge.experiments.run.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The manifest holds exactly the config text that ran, read once, also when the config comes from a pipe. */
class ManifestTextTest {
    @TempDir
    Path tmp;

    @Test
    void theManifestHoldsTheFileTextAsRead() throws Exception {
        String text = CliTest.CONFIG.replace("replications: 3", "replications: 1") + "# trailing comment, kept\n";
        Path cfg = tmp.resolve("exp.yaml");
        Files.writeString(cfg, text);
        Path out = tmp.resolve("out");
        assertEquals(0, CliTest.cli("simulate", cfg.toString(), "--out", out.toString(), "--quiet", "--no-report").code());
        assertEquals(text, Manifest.read(out.resolve("manifest.json")).get("configText"));
    }

    @Test
    void aConfigFromAPipeIsReadOnceAndRecorded() throws Exception {
        String text = CliTest.CONFIG.replace("replications: 3", "replications: 1");
        Path out = tmp.resolve("piped");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "simulate", "/dev/stdin", "--out", out.toString(), "--quiet", "--no-report")
                .redirectErrorStream(true).redirectOutput(tmp.resolve("log.txt").toFile()).start();
        try (var stdin = p.getOutputStream()) {
            stdin.write(text.getBytes(StandardCharsets.UTF_8));
        }
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), Files.readString(tmp.resolve("log.txt")));
        assertEquals(text, Manifest.read(out.resolve("manifest.json")).get("configText"));
        assertEquals("/dev/stdin", Manifest.read(out.resolve("manifest.json")).get("configFile"));
    }
}
