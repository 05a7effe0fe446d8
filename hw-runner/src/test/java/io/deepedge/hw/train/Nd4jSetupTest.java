package io.deepedge.hw.train;

import org.deeplearning4j.common.resources.DL4JResources;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ND4J's natives and DL4J's resource folder live under the configured folder, not the home directory. */
class Nd4jSetupTest {
    @Test
    void nativeCacheAndResourceFolderAreUnderTheConfiguredFolder() throws IOException {
        Path dir = Nd4jSetup.configure();
        assertEquals(Path.of(System.getProperty(Nd4jSetup.DIR_PROPERTY)).toAbsolutePath().normalize(), dir,
                "surefire names the folder (hw-runner/target/deepedge-native)");
        Nd4j.create(2, 2).addi(1);
        Path cache = Path.of(System.getProperty(Nd4jSetup.JAVACPP_CACHE_PROPERTY));
        assertTrue(cache.startsWith(dir), cache.toString());
        try (var files = Files.walk(cache)) {
            assertTrue(files.anyMatch(p -> p.getFileName().toString().contains("libnd4jcpu")),
                    "ND4J unpacked its library into " + cache);
        }
        assertTrue(DL4JResources.getBaseDirectory().toPath().toAbsolutePath().startsWith(dir));
        assertEquals("false", System.getProperty(Nd4jSetup.CRASH_REPORTING_PROPERTY));
    }

    @Test
    void openMpThreadsFollowTheCpuQuotaRoundedDownButAtLeastOne() {
        assertEquals(1, Nd4jSetup.ompThreadsForQuota(0.25));
        assertEquals(1, Nd4jSetup.ompThreadsForQuota(1.0));
        assertEquals(1, Nd4jSetup.ompThreadsForQuota(1.9));
        assertEquals(2, Nd4jSetup.ompThreadsForQuota(2.0));
    }
}
