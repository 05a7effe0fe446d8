package io.deepedge.hw.local;

import io.deepedge.hw.train.Nd4jSetup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The launcher is killed outright (SIGKILL: no shutdown hook runs): its agents must still go, and their cgroups
 * with them. A child JVM runs a {@link LocalCluster} of two agents and reports their pids and cgroups; the test
 * kills it and waits for every agent process and cgroup to disappear.
 */
class LauncherCrashTest {
    /** Agents notice the closed pipe at once; this only bounds a test that would otherwise hang. */
    static final long GONE_WITHIN_SEC = 30;

    @Test
    void agentsOfAKilledLauncherStopAndRemoveTheirCgroups() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        // a child running ND4J, set up as this JVM is (and with its logging)
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-cp", System.getProperty("java.class.path")));
        command.addAll(Nd4jSetup.childJvmOptions());
        String logging = System.getProperty("java.util.logging.config.file");
        if (logging != null) {
            command.add("-Djava.util.logging.config.file=" + logging);
        }
        command.add(ClusterChild.class.getName());
        Process launcher = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        List<Long> pids = new ArrayList<>();
        List<Path> cgroups = new ArrayList<>();
        Path runDir = null;
        Path runFolder = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(launcher.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null && !line.equals("READY"); line = out.readLine()) {
                String[] f = line.split(" ");
                if (f[0].equals("AGENT")) {
                    pids.add(Long.parseLong(f[2]));
                    if (!f[3].equals("-")) {
                        cgroups.add(Path.of(f[3]));
                    }
                } else if (f[0].equals("RUNDIR")) {
                    runDir = Path.of(f[1]);
                } else if (f[0].equals("FOLDER")) {
                    runFolder = Path.of(f[1]);
                }
            }
            assertEquals(2, pids.size(), "the child started two agents");
            for (long pid : pids) {
                assertTrue(ProcessHandle.of(pid).isPresent(), "agent " + pid + " runs before the crash");
            }
            launcher.destroyForcibly(); // SIGKILL
            assertTrue(launcher.waitFor(GONE_WITHIN_SEC, TimeUnit.SECONDS));
        } finally {
            launcher.destroyForcibly();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(GONE_WITHIN_SEC);
        while (System.nanoTime() < deadline && (anyAlive(pids) || cgroups.stream().anyMatch(Files::exists)
                || (runDir != null && Files.exists(runDir)))) {
            Thread.sleep(100);
        }
        for (long pid : pids) {
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "agent " + pid + " orphaned");
        }
        for (Path dir : cgroups) {
            assertFalse(Files.exists(dir), dir + " remains");
        }
        if (runDir != null) {
            assertFalse(Files.exists(runDir), runDir + " remains");
        }
        // the killed launcher could not remove its run folder (the token): the next start's sweep does
        assertTrue(Files.isDirectory(runFolder), "the run folder of the killed launcher");
        assertTrue(RunFolders.sweepStale(runFolder.getParent()) >= 1);
        assertFalse(Files.exists(runFolder), runFolder + " remains");
    }

    @Test
    void theSweepLeavesLiveLaunchersAndForeignFoldersAlone(@TempDir Path parent) throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor(10, TimeUnit.SECONDS);
        Path stale = Files.createDirectory(parent.resolve(RunFolders.PREFIX + gone.pid() + "-run-1"));
        Files.writeString(stale.resolve("agent.token"), "x");
        Files.writeString(stale.resolve("dev.1.port"), "1");
        Files.writeString(stale.resolve("agent-dev.log"), "log");
        // a testbed's folder also holds its host-speed probe's log (a killed testbed's too)
        Files.writeString(stale.resolve("host-probe.log"), "");
        Path foreignFile = Files.createDirectory(parent.resolve(RunFolders.PREFIX + gone.pid() + "-run-2"));
        Files.writeString(foreignFile.resolve("results.csv"), "mine");
        Path live = Files.createDirectory(parent.resolve(RunFolders.PREFIX + ProcessHandle.current().pid() + "-run-3"));
        Path other = Files.createDirectory(parent.resolve("deepedge-somebody"));
        assertEquals(1, RunFolders.sweepStale(parent));
        assertFalse(Files.exists(stale));
        assertTrue(Files.exists(foreignFile.resolve("results.csv")));
        assertTrue(Files.exists(live));
        assertTrue(Files.exists(other));
    }

    private static boolean anyAlive(List<Long> pids) {
        return pids.stream().anyMatch(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
    }

    /** The launcher that gets killed: starts two agents, reports them, then waits to be killed. */
    public static final class ClusterChild {
        public static void main(String[] args) throws Exception {
            LocalCluster cluster = LocalCluster.start(LocalCluster.Options.of("crash-test", List.of(
                    new LocalCluster.Device("crash-a", 0.5), new LocalCluster.Device("crash-b", 0.5)),
                    TestAgentMain.launcher()));
            cluster.quotas().runDir().ifPresent(d -> System.out.println("RUNDIR " + d));
            System.out.println("FOLDER " + cluster.tokenFile().getParent());
            for (LocalCluster.Agent a : cluster.agents()) {
                System.out.println("AGENT " + a.name() + " " + a.pid() + " "
                        + a.cgroupDir().map(Path::toString).orElse("-"));
            }
            System.out.println("READY");
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
    }
}
