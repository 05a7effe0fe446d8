package io.deepedge.hw.local;

import io.deepedge.hw.agent.DeviceProbe;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The CPUs this process may run on (Linux: {@code Cpus_allowed_list} in {@code /proc/self/status}), for pinning one
 * host-speed probe to each ({@link HostProbeProcess}).
 */
final class AllowedCpus {
    private static final Path STATUS = Path.of("/proc/self/status");
    private static final String FIELD = "Cpus_allowed_list:";

    private AllowedCpus() {
    }

    /** This process's CPUs in ascending order; empty where the kernel does not say (not Linux, unreadable). */
    static List<Integer> ofThisProcess() {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith(FIELD)) {
                    return parse(line.substring(FIELD.length()));
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            // no list to pin to: the probe then runs unpinned
        }
        return List.of();
    }

    /**
     * A kernel CPU list ({@code 0-3,8,10-11}) as the CPUs it names, ascending.
     *
     * @throws IllegalArgumentException for anything else (an empty list, a range that runs backwards)
     */
    static List<Integer> parse(String list) {
        List<Integer> cpus = new ArrayList<>();
        for (String part : list.trim().split(",")) {
            String[] ends = part.trim().split("-", -1);
            if (ends.length > 2) {
                throw new IllegalArgumentException("not a CPU list: " + list);
            }
            int from = number(ends[0], list);
            int to = ends.length == 2 ? number(ends[1], list) : from;
            if (to < from) {
                throw new IllegalArgumentException("a CPU range runs backwards in " + list);
            }
            for (int cpu = from; cpu <= to; cpu++) {
                cpus.add(cpu);
            }
        }
        return cpus.stream().distinct().sorted().toList();
    }

    private static int number(String text, String list) {
        try {
            int n = Integer.parseInt(text.trim());
            if (n < 0) {
                throw new IllegalArgumentException("a negative CPU in " + list);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a CPU list: " + list, e);
        }
    }

    /** The {@code taskset} program on the PATH (util-linux), which pins a process to CPUs; empty without one. */
    static Optional<Path> taskset() {
        return DeviceProbe.onPath("taskset");
    }
}
