package io.deepedge.hw.cgroup;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CPU quotas for the agents of one run: a parent cgroup {@code deepedge-p<launcher pid>-<run id>} below this
 * process's own cgroup, one child per agent with its quota ({@code cpus} cores of every
 * {@link #PERIOD_US} µs period (100,000 unless the JVM property {@code deepedge.cfsPeriodUs} sets another): v1 {@code cpu.cfs_quota_us}, v2 {@code cpu.max}), processes moved in by pid,
 * and every group removed again by {@link #close} (processes still inside are moved back out first, never
 * killed). Groups of an earlier run whose launcher is dead and that hold no process are removed at
 * {@link #open}.
 *
 * <p>When no cgroup file system with the cpu controller is writable here (not root, no delegated cgroup, not
 * Linux), the mode is {@link Mode#THREAD_LIMITS}: nothing is created, {@link #warning()} says why, and agents
 * are held only to their thread counts ({@link #threadEnvironment}, {@link #threadJvmOptions}), which every mode
 * applies. The manifest should record {@link #mode()}.
 */
public final class CpuQuotas implements AutoCloseable {
    public static final long DEFAULT_PERIOD_US = 100_000;
    /** The JVM property that sets another period, for investigations (README "Device agents, load and CPU quotas"). */
    public static final String PERIOD_PROPERTY = "deepedge.cfsPeriodUs";
    public static final long PERIOD_US = period(System.getProperty(PERIOD_PROPERTY));
    /** The kernel's smallest CFS quota (1 ms per period): 0.01 cores. */
    public static final long MIN_QUOTA_US = 1_000;
    public static final double MIN_CPUS = (double) MIN_QUOTA_US / PERIOD_US;
    public static final String RUN_DIR_PREFIX = "deepedge-p";
    private static final Pattern RUN_DIR = Pattern.compile(Pattern.quote(RUN_DIR_PREFIX) + "(\\d+)-.*");
    private static final System.Logger LOG = System.getLogger(CpuQuotas.class.getName());

    /**
     * The CFS period for {@code value} of {@link #PERIOD_PROPERTY}: the kernel takes 1 ms .. 1 s; anything else (or
     * no value) is the default, with a warning naming the value when one was given.
     */
    static long period(String value) {
        if (value == null) {
            return DEFAULT_PERIOD_US;
        }
        try {
            long us = Long.parseLong(value.trim());
            if (us >= 1_000 && us <= 1_000_000) {
                return us;
            }
        } catch (NumberFormatException ignored) {
            // reported below like an out-of-range value
        }
        System.getLogger(CpuQuotas.class.getName()).log(System.Logger.Level.WARNING, "-D" + PERIOD_PROPERTY + ": not a"
                + " period the kernel takes (" + value + "), expected microseconds in 1000 .. 1000000; using "
                + DEFAULT_PERIOD_US);
        return DEFAULT_PERIOD_US;
    }

    /** How quotas are enforced. */
    public enum Mode {
        CGROUP_V1, CGROUP_V2,
        /** No cgroup: OpenMP threads and the JVM's processor count only; agents can use more than their share. */
        THREAD_LIMITS
    }

    /**
     * One agent's group.
     *
     * @param dir its cgroup directory, empty in {@link Mode#THREAD_LIMITS}
     * @param quotaUs CPU time per period it may use
     */
    public record Group(String name, double cpus, Optional<Path> dir, long quotaUs) {
        /**
         * The kernel's CFS counts of the group so far ({@code nr_periods}, {@code nr_throttled} of its
         * {@code cpu.stat}, v1 and v2 alike); empty without a group or when the file cannot be read (the group was
         * removed).
         */
        public Optional<io.deepedge.models.CfsCounts> cfsCounts() {
            if (dir.isEmpty()) {
                return Optional.empty();
            }
            try {
                return parseCpuStat(Files.readString(dir.get().resolve("cpu.stat")));
            } catch (IOException e) {
                return Optional.empty();
            }
        }
    }

    /** {@code nr_periods} and {@code nr_throttled} of a {@code cpu.stat} text; empty when either is missing. */
    static Optional<io.deepedge.models.CfsCounts> parseCpuStat(String text) {
        Long periods = null;
        Long throttled = null;
        for (String line : text.split("\n")) {
            String[] kv = line.trim().split("\\s+");
            if (kv.length == 2 && kv[0].equals("nr_periods")) {
                periods = Long.parseLong(kv[1]);
            } else if (kv.length == 2 && kv[0].equals("nr_throttled")) {
                throttled = Long.parseLong(kv[1]);
            }
        }
        return periods == null || throttled == null || throttled > periods ? Optional.empty()
                : Optional.of(new io.deepedge.models.CfsCounts(periods, throttled));
    }

    private final Mode mode;
    private final CpuCgroupFs fs;
    private final Path base;
    private final Path runDir;
    private final String warning;
    private final Map<String, Group> groups = new LinkedHashMap<>();
    private boolean closed;

    private CpuQuotas(Mode mode, CpuCgroupFs fs, Path base, Path runDir, String warning) {
        this.mode = mode;
        this.fs = fs;
        this.base = base;
        this.runDir = runDir;
        this.warning = warning;
    }

    /** Quotas for run {@code runId} on this machine's CPU controller, or thread limits when it is not writable. */
    public static CpuQuotas open(String runId) {
        return open(runId, CpuCgroupFs.detect());
    }

    /** As {@link #open(String)} on a given controller (tests use a folder that imitates one). */
    public static CpuQuotas open(String runId, Optional<CpuCgroupFs> fs) {
        if (fs.isEmpty()) {
            return threadLimits("no cgroup file system with the cpu controller is mounted (see /proc/self/mountinfo)");
        }
        String name = RUN_DIR_PREFIX + ProcessHandle.current().pid() + "-" + safe(runId);
        List<Path> bases = new ArrayList<>(List.of(fs.get().ownDir()));
        if (fs.get().version() == CpuCgroupFs.Version.V2 && !fs.get().mount().equals(fs.get().ownDir())) {
            // v2 cannot enable a controller below a non-root group that holds processes (this one): try the root
            bases.add(fs.get().mount());
        }
        String reason = "";
        for (Path b : bases) {
            sweepStale(b);
            Path dir = b.resolve(name);
            try {
                prepare(fs.get().version(), b, dir);
                Mode mode = fs.get().version() == CpuCgroupFs.Version.V1 ? Mode.CGROUP_V1 : Mode.CGROUP_V2;
                LOG.log(System.Logger.Level.INFO, "CPU quotas: cgroup {0} in {1}", fs.get().version(), dir);
                return new CpuQuotas(mode, fs.get(), b, dir, null);
            } catch (IOException | RuntimeException e) {
                deleteQuietly(dir);
                reason = dir + ": " + describe(e);
            }
        }
        return threadLimits("cgroups are not writable here (" + reason + ")");
    }

    /** Thread limits only, with {@code reason} in the warning. */
    public static CpuQuotas threadLimits(String reason) {
        String warning = "CPU quotas: " + reason + "; falling back to thread limits (OMP_NUM_THREADS, "
                + "-XX:ActiveProcessorCount): agents are NOT held to their CPU share, so contention is not emulated "
                + "faithfully. Run as root or in a delegated cgroup (e.g. systemd-run --scope -p Delegate=yes) for "
                + "real quotas.";
        LOG.log(System.Logger.Level.WARNING, warning);
        return new CpuQuotas(Mode.THREAD_LIMITS, null, null, null, warning);
    }

    public Mode mode() {
        return mode;
    }

    /** Whether cgroups enforce the quotas (false: thread limits only). */
    public boolean enforced() {
        return mode != Mode.THREAD_LIMITS;
    }

    /** Why quotas are not enforced, when they are not. */
    public Optional<String> warning() {
        return Optional.ofNullable(warning);
    }

    /** The run's parent cgroup, when cgroups are used. */
    public Optional<Path> runDir() {
        return Optional.ofNullable(runDir);
    }

    /** Creates (or re-creates) agent {@code name}'s group with a quota of {@code cpus} cores. */
    public synchronized Group create(String name, double cpus) throws IOException {
        if (!(cpus >= MIN_CPUS) || Double.isInfinite(cpus)) {
            throw new IllegalArgumentException("cpus " + cpus + ", expected at least " + MIN_CPUS);
        }
        long quotaUs = Math.max(MIN_QUOTA_US, Math.round(cpus * PERIOD_US));
        if (!enforced()) {
            Group g = new Group(name, cpus, Optional.empty(), quotaUs);
            groups.put(name, g);
            return g;
        }
        if (closed) {
            throw new IllegalStateException("CPU quotas of " + runDir + " are closed");
        }
        // an agent that stopped removed its group, and the last one the run's parent too: make both again
        if (!Files.isDirectory(runDir)) {
            prepare(fs.version(), base, runDir);
        }
        Path dir = runDir.resolve(safe(name));
        if (!Files.isDirectory(dir)) {
            Files.createDirectory(dir);
        }
        if (mode == Mode.CGROUP_V1) {
            write(dir.resolve("cpu.cfs_period_us"), Long.toString(PERIOD_US));
            write(dir.resolve("cpu.cfs_quota_us"), Long.toString(quotaUs));
        } else {
            write(dir.resolve("cpu.max"), quotaUs + " " + PERIOD_US);
        }
        Group g = new Group(name, cpus, Optional.of(dir), quotaUs);
        groups.put(name, g);
        return g;
    }

    /** Moves process {@code pid} (all its threads) into {@code group}; nothing in thread-limit mode. */
    public void moveIn(Group group, long pid) throws IOException {
        if (group.dir().isPresent()) {
            write(group.dir().get().resolve("cgroup.procs"), Long.toString(pid));
        }
    }

    /** Removes {@code group} (moving any process still in it back to this process's cgroup); idempotent. */
    public synchronized void remove(Group group) {
        group.dir().ifPresent(this::removeDir);
        groups.remove(group.name());
    }

    /** Removes every group and the run's parent. Safe to call more than once and from a shutdown hook. */
    @Override
    public synchronized void close() {
        if (closed || !enforced()) {
            closed = true;
            return;
        }
        closed = true;
        for (Group g : List.copyOf(groups.values())) {
            remove(g);
        }
        removeDir(runDir);
    }

    /** The environment an agent of {@code cpus} cores gets: as many OpenMP threads as whole cores, at least 1. */
    public static Map<String, String> threadEnvironment(double cpus) {
        return Map.of("OMP_NUM_THREADS", Integer.toString(ompThreads(cpus)),
                // BUILD-NOTES: with 2 threads the default (active) wait policy made step times bimodal
                "OMP_WAIT_POLICY", "PASSIVE");
    }

    /** JVM options for an agent of {@code cpus} cores: the processor count its GC and pools size themselves by. */
    public static List<String> threadJvmOptions(double cpus) {
        return List.of("-XX:ActiveProcessorCount=" + Math.max(1, (int) Math.ceil(cpus - 1e-9)));
    }

    /** OpenMP threads for a quota: more threads than the quota lose 30-60 % to throttling (BUILD-NOTES). */
    public static int ompThreads(double cpus) {
        return Math.max(1, (int) Math.floor(cpus + 1e-9));
    }

    /**
     * For an agent at exit: moves this process out of its group {@code dir} (to the cgroup that holds the run's
     * parent) and removes the group, then the run's parent when it is empty. Used when the launcher cannot clean
     * up (it was killed); acts only on a group inside a {@value #RUN_DIR_PREFIX}... parent. Returns what it did,
     * for the log.
     */
    public static String leaveAndRemove(Path dir) {
        Path parent = dir.toAbsolutePath().normalize().getParent();
        if (parent == null || parent.getParent() == null || !RUN_DIR.matcher(parent.getFileName().toString()).matches()
                || !Files.exists(dir.resolve("cgroup.procs"))) {
            return "left " + dir + " alone: not a Deep-Edge agent cgroup";
        }
        try {
            write(parent.getParent().resolve("cgroup.procs"), Long.toString(ProcessHandle.current().pid()));
        } catch (IOException e) {
            return "could not leave " + dir + " (" + describe(e) + ")";
        }
        if (!deleteWithRetry(dir)) {
            return "could not remove " + dir + " (still in use)";
        }
        deleteQuietly(parent);
        return "removed " + dir;
    }

    private static void prepare(CpuCgroupFs.Version version, Path base, Path dir) throws IOException {
        if (version == CpuCgroupFs.Version.V2) {
            enableCpu(base);
        }
        Files.createDirectories(dir);
        if (version == CpuCgroupFs.Version.V1) {
            // a harmless write (the default period) proves the files are writable, not only the directory
            write(dir.resolve("cpu.cfs_period_us"), Long.toString(PERIOD_US));
        } else {
            enableCpu(dir);
        }
    }

    /** v2: lets the children of {@code dir} have a cpu.max. */
    private static void enableCpu(Path dir) throws IOException {
        Path control = dir.resolve("cgroup.subtree_control");
        String enabled = Files.exists(control) ? Files.readString(control) : "";
        if (!List.of(enabled.trim().split("\\s+")).contains("cpu")) {
            write(control, "+cpu");
        }
    }

    private void removeDir(Path dir) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (DirectoryStream<Path> children = Files.newDirectoryStream(dir, Files::isDirectory)) {
            for (Path child : children) {
                removeDir(child);
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot list {0}: {1}", dir, describe(e));
        }
        moveOut(dir);
        if (!deleteWithRetry(dir)) {
            LOG.log(System.Logger.Level.WARNING, "cgroup {0} could not be removed (still in use)", dir);
        }
    }

    /** Moves any process left in {@code dir} to this process's own cgroup, so the group can go. */
    private void moveOut(Path dir) {
        Path procs = dir.resolve("cgroup.procs");
        try {
            for (String pid : Files.readAllLines(procs)) {
                if (!pid.isBlank()) {
                    write(fs.ownDir().resolve("cgroup.procs"), pid.trim());
                }
            }
        } catch (NoSuchFileException e) {
            // nothing there
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot move processes out of {0}: {1}", dir, describe(e));
        }
    }

    /**
     * Removes groups an earlier run left behind (its launcher was killed before it could): only directories named
     * like this class names them, whose launcher pid is not running, and that hold no process.
     */
    static int sweepStale(Path base) {
        int removed = 0;
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(base, Files::isDirectory)) {
            for (Path dir : dirs) {
                Matcher m = RUN_DIR.matcher(dir.getFileName().toString());
                if (m.matches() && !alive(m.group(1)) && removeIfEmpty(dir)) {
                    removed++;
                }
            }
        } catch (IOException | RuntimeException e) {
            // nothing to sweep, or not readable: the run goes on
        }
        return removed;
    }

    private static boolean removeIfEmpty(Path dir) throws IOException {
        try (DirectoryStream<Path> children = Files.newDirectoryStream(dir, Files::isDirectory)) {
            for (Path child : children) {
                if (hasProcesses(child) || !deleteWithRetry(child)) {
                    return false;
                }
            }
        }
        boolean gone = !hasProcesses(dir) && deleteWithRetry(dir);
        if (gone) {
            LOG.log(System.Logger.Level.INFO, "removed the stale cgroup {0} of a run whose launcher is gone", dir);
        }
        return gone;
    }

    private static boolean hasProcesses(Path dir) {
        try {
            return Files.readAllLines(dir.resolve("cgroup.procs")).stream().anyMatch(l -> !l.isBlank());
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean alive(String pid) {
        try {
            return ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false);
        } catch (NumberFormatException e) {
            return true; // not ours to judge
        }
    }

    /** rmdir, retried for a second: the kernel may report a group busy just after its last process exited. */
    private static boolean deleteWithRetry(Path dir) {
        for (int attempt = 0; attempt < 20; attempt++) {
            try {
                Files.deleteIfExists(dir);
                return true;
            } catch (IOException e) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return false;
    }

    private static void deleteQuietly(Path dir) {
        try {
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // not empty or busy: someone else's turn
        }
    }

    private static void write(Path file, String value) throws IOException {
        Files.writeString(file, value);
    }

    /** Letters, digits, '.', '_' and '-' only, at most 64 characters: a safe path element. */
    static String safe(String name) {
        String s = name.replaceAll("[^A-Za-z0-9._-]", "_");
        s = s.length() > 64 ? s.substring(0, 64) : s;
        return s.isEmpty() || s.startsWith(".") ? "_" + s : s;
    }

    private static String describe(Exception e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "CpuQuotas[%s%s]", mode, runDir == null ? "" : " " + runDir);
    }
}
