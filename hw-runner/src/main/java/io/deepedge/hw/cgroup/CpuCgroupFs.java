package io.deepedge.hw.cgroup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Where this machine's CPU controller lives and where this process sits in it: cgroup v1 (a {@code cgroup}
 * mount whose options include {@code cpu}, files {@code cpu.cfs_quota_us} / {@code cpu.cfs_period_us}) or v2 (a
 * {@code cgroup2} mount whose {@code cgroup.controllers} lists {@code cpu}, file {@code cpu.max}). On a hybrid
 * system the v1 CPU controller wins, because the kernel binds a controller to one hierarchy only.
 *
 * @param version which interface the files follow
 * @param mount the mount point of the hierarchy
 * @param ownDir the directory of this process's own cgroup in it (new groups are created below it)
 */
public record CpuCgroupFs(Version version, Path mount, Path ownDir) {
    public enum Version { V1, V2 }

    /** The CPU controller of this process, or empty when there is none (not Linux, no cgroup file system). */
    public static Optional<CpuCgroupFs> detect() {
        try {
            return parse(Files.readAllLines(Path.of("/proc/self/mountinfo")),
                    Files.readAllLines(Path.of("/proc/self/cgroup")),
                    dir -> controllers(dir).contains("cpu"));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * The CPU controller described by {@code /proc/self/mountinfo} and {@code /proc/self/cgroup} lines.
     *
     * @param v2HasCpu whether a cgroup2 mount point offers the cpu controller (its {@code cgroup.controllers})
     */
    static Optional<CpuCgroupFs> parse(List<String> mountinfo, List<String> procCgroup, Predicate<Path> v2HasCpu) {
        Optional<CpuCgroupFs> v2 = Optional.empty();
        for (String line : mountinfo) {
            // ID PARENT MAJ:MIN ROOT MOUNT_POINT OPTIONS [OPTIONAL...] - FSTYPE SOURCE SUPER_OPTIONS
            int dash = line.indexOf(" - ");
            if (dash < 0) {
                continue;
            }
            String[] left = line.substring(0, dash).split(" ");
            String[] right = line.substring(dash + 3).split(" ");
            if (left.length < 5 || right.length < 3) {
                continue;
            }
            String root = unescape(left[3]);
            Path mountPoint = Path.of(unescape(left[4]));
            if (right[0].equals("cgroup") && List.of(right[2].split(",")).contains("cpu")) {
                Optional<String> own = ownPath(procCgroup, false);
                return Optional.of(new CpuCgroupFs(Version.V1, mountPoint, below(mountPoint, root, own)));
            }
            if (right[0].equals("cgroup2") && v2.isEmpty() && v2HasCpu.test(mountPoint)) {
                v2 = Optional.of(new CpuCgroupFs(Version.V2, mountPoint, below(mountPoint, root, ownPath(procCgroup, true))));
            }
        }
        return v2;
    }

    /** This process's cgroup path: the v1 line whose controllers include cpu, or the v2 line {@code 0::PATH}. */
    private static Optional<String> ownPath(List<String> procCgroup, boolean v2) {
        for (String line : procCgroup) {
            String[] f = line.split(":", 3);
            if (f.length < 3) {
                continue;
            }
            boolean match = v2 ? f[0].equals("0") && f[1].isEmpty() : List.of(f[1].split(",")).contains("cpu");
            if (match) {
                return Optional.of(f[2]);
            }
        }
        return Optional.empty();
    }

    /**
     * The directory of cgroup {@code path} under a mount of hierarchy root {@code root}; the mount point when the
     * path is unknown or outside the mount (a container that sees only part of the hierarchy).
     */
    private static Path below(Path mountPoint, String root, Optional<String> path) {
        if (path.isEmpty()) {
            return mountPoint;
        }
        String p = path.get();
        String r = root.equals("/") ? "" : root;
        if (!p.startsWith(r)) {
            return mountPoint;
        }
        String rest = p.substring(r.length());
        while (rest.startsWith("/")) {
            rest = rest.substring(1);
        }
        Path dir = rest.isEmpty() ? mountPoint : mountPoint.resolve(rest);
        return dir.normalize().startsWith(mountPoint) ? dir.normalize() : mountPoint;
    }

    static List<String> controllers(Path dir) {
        try {
            return List.of(Files.readString(dir.resolve("cgroup.controllers")).trim().split("\\s+"));
        } catch (IOException e) {
            return List.of();
        }
    }

    /** mountinfo escapes space, tab, newline and backslash as octal. */
    private static String unescape(String s) {
        return s.replace("\\040", " ").replace("\\011", "\t").replace("\\012", "\n").replace("\\134", "\\");
    }
}
