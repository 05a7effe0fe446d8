package io.deepedge.traces;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The files in traces/ are what traces/README.md says they are. */
class ShippedFilesTest {
    @TempDir
    Path dir;

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    @Test
    void azureTracesAreUnmodifiedCopies() throws Exception {
        assertEquals("2f1e5b666d4e3055fdbba98598ce2ec307767b9064e03e2fa46676dbcc7d0bf8",
                sha256(Path.of("AzureLLMInferenceTrace_conv.csv")));
        assertEquals("54e9a6d2a4bd06ba1e060304b900abbc74cbea53de96506e60fe5bb4f2277fb6",
                sha256(Path.of("AzureLLMInferenceTrace_code.csv")));
    }

    /** The README's command: ./deepedge trace synth ... --seed 42 --minutes 180 --functions 3 --rate 4 ... */
    @Test
    void syntheticFunctionsFileIsTheGeneratorsOutputForTheDocumentedCommand() throws Exception {
        SyntheticTrace trace = new SyntheticTrace(new SyntheticTrace.Params(42, 4, 0.5, 7200, 0, 0.1, 2, 3, 60));
        Path regenerated = dir.resolve("synthetic-functions.csv");
        TraceWriter.writeFunctions(regenerated, trace.functions(180, 3));
        assertArrayEquals(Files.readAllBytes(Path.of("synthetic-functions.csv")), Files.readAllBytes(regenerated));
    }
}
