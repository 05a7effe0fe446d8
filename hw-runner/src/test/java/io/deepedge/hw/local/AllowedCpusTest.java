package io.deepedge.hw.local;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The kernel's CPU lists read as the CPUs they name. */
class AllowedCpusTest {
    @Test
    void rangesAndSinglesAreReadAscendingOnce() {
        assertEquals(List.of(0, 1), AllowedCpus.parse("0-1\n"));
        assertEquals(List.of(5), AllowedCpus.parse(" 5"));
        assertEquals(List.of(0, 2, 3, 8, 10, 11), AllowedCpus.parse("0,2-3,8,10-11"));
        assertEquals(List.of(1, 2, 3), AllowedCpus.parse("2-3,1,3"));
    }

    @Test
    void anythingElseIsRefused() {
        for (String bad : List.of("", "a", "3-1", "1-2-3", "-1", "1,,2")) {
            assertThrows(IllegalArgumentException.class, () -> AllowedCpus.parse(bad), bad);
        }
    }

    @Test
    void thisProcessMayRunOnAtLeastTheProcessorsTheJvmUses() {
        // on Linux the kernel names them; the JVM never counts more than it may run on
        List<Integer> cpus = AllowedCpus.ofThisProcess();
        if (System.getProperty("os.name").startsWith("Linux")) {
            assertTrue(cpus.size() >= Runtime.getRuntime().availableProcessors(), cpus.toString());
        }
    }
}
