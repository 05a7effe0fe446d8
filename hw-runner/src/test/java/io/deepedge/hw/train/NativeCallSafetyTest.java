package io.deepedge.hw.train;

import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The options that keep ND4J's op arrays alive across native calls ({@link NativeCallSafety}) are in this JVM
 * (the build's test JVMs run ND4J too), and they do what they are for: after thousands of ops, the JIT has compiled
 * the hot ND4J methods around the executor and the executor's own helpers, but none of its native-calling methods.
 */
class NativeCallSafetyTest {
    @Test
    void theTestJvmRunsWithTheOptions() {
        assertEquals(List.of(), NativeCallSafety.missingFrom(ManagementFactory.getRuntimeMXBean().getInputArguments()));
    }

    @Test
    void missingOptionsAreNamed() {
        List<String> some = NativeCallSafety.JVM_OPTIONS.subList(0, 2);
        assertEquals(NativeCallSafety.JVM_OPTIONS.subList(2, NativeCallSafety.JVM_OPTIONS.size()),
                NativeCallSafety.missingFrom(some));
    }

    @Test
    void theExecutorsNativeCallersAreNeverCompiled(@TempDir Path dir) throws IOException {
        Nd4jSetup.configure();
        Set<String> compiled;
        try (Recording recording = new Recording()) {
            recording.enable("jdk.Compilation").withThreshold(Duration.ZERO);
            recording.start();
            INDArray z = Nd4j.create(4, 8);
            INDArray row = Nd4j.create(1, 8);
            for (int i = 0; i < 20_000; i++) {
                z.addiRowVector(row); // a broadcast op through NativeOpExecutioner.exec(BroadcastOp, OpContext)
            }
            recording.stop();
            Path file = dir.resolve("compilations.jfr");
            recording.dump(file);
            compiled = RecordingFile.readAllEvents(file).stream().map(NativeCallSafetyTest::method)
                    .collect(Collectors.toSet());
        }
        assertTrue(compiled.contains("org.nd4j.linalg.api.ndarray.BaseNDArray::addiRowVector"),
                "the loop ran long enough for the JIT to compile its caller");
        assertTrue(compiled.stream().anyMatch(m -> m.startsWith(NativeCallSafety.CPU_EXECUTOR + "::")),
                "the executor's other methods stay compiled: " + compiled.stream()
                        .filter(m -> m.contains("Executioner")).toList());
        for (String method : NativeCallSafety.CPU_NATIVE_CALLERS) {
            assertFalse(compiled.contains(NativeCallSafety.CPU_EXECUTOR + "::" + method), method + " was compiled");
        }
    }

    private static String method(RecordedEvent compilation) {
        RecordedMethod m = compilation.getValue("method");
        return m.getType().getName() + "::" + m.getName();
    }
}
