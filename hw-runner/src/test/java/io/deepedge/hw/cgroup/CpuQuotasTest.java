package io.deepedge.hw.cgroup;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class CpuQuotasTest {
    private static final String V1_CPU = "30 25 0:26 / /sys/fs/cgroup/cpu rw,nosuid shared:9 - cgroup cgroup rw,cpu";
    private static final String V1_MEMORY = "31 25 0:27 / /sys/fs/cgroup/memory rw shared:10 - cgroup cgroup rw,memory";
    private static final String V2 = "29 25 0:25 / /sys/fs/cgroup/unified rw shared:8 - cgroup2 cgroup2 rw";
    private static final String V2_ROOT = "29 25 0:25 / /sys/fs/cgroup rw shared:8 - cgroup2 cgroup2 rw,nsdelegate";

    @Test
    void theCpuControllerIsFoundOnV1V2AndHybridSystems() {
        List<String> procV1 = List.of("4:memory:/x", "1:cpu:/jobs/42", "0::/");
        CpuCgroupFs hybrid = CpuCgroupFs.parse(List.of(V2, V1_MEMORY, V1_CPU), procV1, dir -> false).orElseThrow();
        assertEquals(new CpuCgroupFs(CpuCgroupFs.Version.V1, Path.of("/sys/fs/cgroup/cpu"),
                Path.of("/sys/fs/cgroup/cpu/jobs/42")), hybrid);
        // the hybrid's v2 tree offers no cpu (it is bound to v1), but even when it says so, v1 wins
        assertEquals(CpuCgroupFs.Version.V1, CpuCgroupFs.parse(List.of(V2, V1_CPU), procV1, dir -> true)
                .orElseThrow().version());
        CpuCgroupFs v2 = CpuCgroupFs.parse(List.of(V2_ROOT), List.of("0::/user.slice/session-1.scope"), dir -> true)
                .orElseThrow();
        assertEquals(new CpuCgroupFs(CpuCgroupFs.Version.V2, Path.of("/sys/fs/cgroup"),
                Path.of("/sys/fs/cgroup/user.slice/session-1.scope")), v2);
        assertEquals(Optional.empty(), CpuCgroupFs.parse(List.of(V2_ROOT), List.of("0::/"), dir -> false));
        assertEquals(Optional.empty(), CpuCgroupFs.parse(List.of(V1_MEMORY), procV1, dir -> true));
        // a container that sees only its part of the hierarchy (mount root /docker/abc): its own group is the mount
        String container = "30 25 0:26 /docker/abc /sys/fs/cgroup/cpu rw - cgroup cgroup rw,cpu,cpuacct";
        assertEquals(Path.of("/sys/fs/cgroup/cpu"), CpuCgroupFs.parse(List.of(container),
                List.of("2:cpu,cpuacct:/docker/abc"), dir -> false).orElseThrow().ownDir());
    }

    @Test
    void v1GroupsGetTheirQuotaInCfsFiles(@TempDir Path fake) throws IOException {
        CpuQuotas quotas = CpuQuotas.open("run-1", Optional.of(new CpuCgroupFs(CpuCgroupFs.Version.V1, fake, fake)));
        assertEquals(CpuQuotas.Mode.CGROUP_V1, quotas.mode());
        Path runDir = quotas.runDir().orElseThrow();
        assertEquals(fake.resolve("deepedge-p" + ProcessHandle.current().pid() + "-run-1"), runDir);
        CpuQuotas.Group g = quotas.create("nano-1", 0.25);
        assertEquals(runDir.resolve("nano-1"), g.dir().orElseThrow());
        assertEquals("25000", Files.readString(g.dir().orElseThrow().resolve("cpu.cfs_quota_us")));
        assertEquals("100000", Files.readString(g.dir().orElseThrow().resolve("cpu.cfs_period_us")));
        assertEquals("125000", Files.readString(quotas.create("big", 1.25).dir().orElseThrow()
                .resolve("cpu.cfs_quota_us")));
        quotas.moveIn(g, 4242);
        assertEquals("4242", Files.readString(g.dir().orElseThrow().resolve("cgroup.procs")));
        assertThrows(IllegalArgumentException.class, () -> quotas.create("tiny", 0.001));
    }

    @Test
    void v2GroupsGetTheirQuotaInCpuMaxWithTheControllerEnabledAbove(@TempDir Path fake) throws IOException {
        CpuQuotas quotas = CpuQuotas.open("run-2", Optional.of(new CpuCgroupFs(CpuCgroupFs.Version.V2, fake, fake)));
        assertEquals(CpuQuotas.Mode.CGROUP_V2, quotas.mode());
        Path runDir = quotas.runDir().orElseThrow();
        assertEquals("+cpu", Files.readString(fake.resolve("cgroup.subtree_control")));
        assertEquals("+cpu", Files.readString(runDir.resolve("cgroup.subtree_control")));
        CpuQuotas.Group g = quotas.create("xavier", 0.5);
        assertEquals("50000 100000", Files.readString(g.dir().orElseThrow().resolve("cpu.max")));
    }

    @Test
    void withoutAWritableControllerQuotasFallBackToThreadLimitsAndSaySo() throws IOException {
        CpuQuotas none = CpuQuotas.open("run-3", Optional.empty());
        assertEquals(CpuQuotas.Mode.THREAD_LIMITS, none.mode());
        assertFalse(none.enforced());
        assertTrue(none.warning().orElseThrow().contains("falling back to thread limits"));
        CpuCgroupFs unwritable = new CpuCgroupFs(CpuCgroupFs.Version.V1, Path.of("/proc/no-such-cgroup"),
                Path.of("/proc/no-such-cgroup"));
        CpuQuotas refused = CpuQuotas.open("run-4", Optional.of(unwritable));
        assertEquals(CpuQuotas.Mode.THREAD_LIMITS, refused.mode());
        assertTrue(refused.warning().orElseThrow().contains("cgroups are not writable here (/proc/no-such-cgroup/"),
                refused.warning().orElseThrow());
        CpuQuotas.Group g = refused.create("nano", 0.5);
        assertEquals(Optional.empty(), g.dir());
        refused.moveIn(g, ProcessHandle.current().pid()); // nothing to do, nothing thrown
        refused.close();
        // the limits every mode applies: OpenMP threads = whole cores (at least 1), JVM processors = cores rounded up
        assertEquals(Map.of("OMP_NUM_THREADS", "1", "OMP_WAIT_POLICY", "PASSIVE"), CpuQuotas.threadEnvironment(0.25));
        assertEquals("1", CpuQuotas.threadEnvironment(1.0).get("OMP_NUM_THREADS"));
        assertEquals("2", CpuQuotas.threadEnvironment(2.5).get("OMP_NUM_THREADS"));
        assertEquals(List.of("-XX:ActiveProcessorCount=1"), CpuQuotas.threadJvmOptions(0.25));
        assertEquals(List.of("-XX:ActiveProcessorCount=1"), CpuQuotas.threadJvmOptions(1.0));
        assertEquals(List.of("-XX:ActiveProcessorCount=2"), CpuQuotas.threadJvmOptions(1.5));
    }

    @Test
    void staleGroupsOfADeadLauncherAreSweptAndNothingElse(@TempDir Path base) throws Exception {
        Process shortLived = new ProcessBuilder("true").start();
        shortLived.waitFor(10, TimeUnit.SECONDS);
        long dead = shortLived.pid();
        Path stale = Files.createDirectories(base.resolve("deepedge-p" + dead + "-old").resolve("nano"));
        Path live = Files.createDirectories(base.resolve("deepedge-p" + ProcessHandle.current().pid() + "-now"));
        Path foreign = Files.createDirectories(base.resolve("someone-elses"));
        assertEquals(1, CpuQuotas.sweepStale(base));
        assertFalse(Files.exists(stale.getParent()));
        assertTrue(Files.exists(live));
        assertTrue(Files.exists(foreign));
    }

    @Test
    void anAgentLeavesOnlyADeepEdgeGroup(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("cgroup.procs"), "");
        assertTrue(CpuQuotas.leaveAndRemove(dir).startsWith("left " + dir + " alone"));
        assertTrue(Files.exists(dir));
    }

    /** On this machine's real controller, when it is writable (root or a delegated group). */
    @Test
    void aRealGroupHoldsItsProcessAndIsRemovedAtCloseWithoutKillingIt() throws Exception {
        CpuQuotas quotas = CpuQuotas.open("quota-test");
        assumeTrue(quotas.enforced(), () -> "cgroups are not writable here: " + quotas.warning().orElse("")
                + " (the thread-limit fallback is tested above)");
        Process sleeper = new ProcessBuilder("sleep", "60").start();
        try {
            CpuQuotas.Group g = quotas.create("sleeper", 0.3);
            Path dir = g.dir().orElseThrow();
            quotas.moveIn(g, sleeper.pid());
            if (quotas.mode() == CpuQuotas.Mode.CGROUP_V1) {
                assertEquals("30000", Files.readString(dir.resolve("cpu.cfs_quota_us")).trim());
                assertEquals("100000", Files.readString(dir.resolve("cpu.cfs_period_us")).trim());
            } else {
                assertEquals("30000 100000", Files.readString(dir.resolve("cpu.max")).trim());
            }
            assertEquals(List.of(Long.toString(sleeper.pid())), Files.readAllLines(dir.resolve("cgroup.procs")));
            quotas.close();
            assertFalse(Files.exists(dir), dir + " remains");
            assertFalse(Files.exists(quotas.runDir().orElseThrow()));
            assertTrue(sleeper.isAlive(), "a process still inside is moved out, never killed");
        } finally {
            quotas.close();
            sleeper.destroyForcibly();
        }
    }

    @Test
    void cpuStatGivesThePeriodsAndThrottledPeriodsOfV1AndV2() {
        String v1 = "nr_periods 1650\nnr_throttled 101\nthrottled_time 3311712310\n";
        String v2 = "usage_usec 5223\nuser_usec 3000\nsystem_usec 2223\nnr_periods 12\nnr_throttled 3\n"
                + "throttled_usec 41000\nnr_bursts 0\nburst_usec 0\n";
        assertEquals(Optional.of(new io.deepedge.models.CfsCounts(1650, 101)), CpuQuotas.parseCpuStat(v1));
        assertEquals(Optional.of(new io.deepedge.models.CfsCounts(12, 3)), CpuQuotas.parseCpuStat(v2));
        assertEquals(Optional.empty(), CpuQuotas.parseCpuStat("usage_usec 5223\n"));
        assertEquals(Optional.empty(), CpuQuotas.parseCpuStat("nr_periods 2\nnr_throttled 3\n"));
    }

    /** A spinner under 0.1 CPU spends every period's budget: the kernel counts each such period as throttled. */
    @Test
    void aRealGroupCountsItsThrottledPeriods() throws Exception {
        CpuQuotas quotas = CpuQuotas.open("cfs-count-test");
        assumeTrue(quotas.enforced(), () -> "cgroups are not writable here: " + quotas.warning().orElse(""));
        Process spinner = new ProcessBuilder("sh", "-c", "while :; do :; done").start();
        try {
            CpuQuotas.Group g = quotas.create("spinner", 0.1);
            io.deepedge.models.CfsCounts before = g.cfsCounts().orElseThrow();
            quotas.moveIn(g, spinner.pid());
            Thread.sleep(1500);
            io.deepedge.models.CfsCounts after = g.cfsCounts().orElseThrow();
            long periods = after.periods() - before.periods();
            long throttled = after.throttled() - before.throttled();
            assertTrue(periods >= 5, periods + " periods over 1.5 s of 100 ms periods");
            // the period the spinner entered in may end before its budget does
            assertTrue(throttled >= periods - 1, throttled + " of " + periods + ": a spinner is throttled in every period");
        } finally {
            spinner.destroyForcibly().waitFor();
            quotas.close();
        }
    }
}
