package io.deepedge.hw.agent;

import io.deepedge.hw.rpc.v1.DeviceInfo;
import io.deepedge.hw.rpc.v1.GpuInfo;
import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;

/**
 * What the machine an agent runs on offers: cores, the cgroup CPU quota (v1 or v2), memory, and NVIDIA GPUs
 * (nvidia-smi on desktops and servers; the device tree or tegrastats on Jetsons, which have no nvidia-smi).
 * Every probe that fails leaves its field at "unknown" rather than stopping the agent.
 */
public final class DeviceProbe {
    static final String NVIDIA_SMI_SOURCE = "nvidia-smi";
    static final String JETSON_SOURCE = "jetson-device-tree";
    private static final long MIB = 1L << 20;
    private static final long NVIDIA_SMI_TIMEOUT_SEC = 5;
    private static final Path CGROUP_ROOT = Path.of("/sys/fs/cgroup");
    private static final Path DEVICE_TREE_MODEL = Path.of("/proc/device-tree/model");

    private DeviceProbe() {
    }

    public static DeviceInfo probe(String name) {
        DeviceInfo.Builder info = DeviceInfo.newBuilder().setName(name)
                .setCores(Runtime.getRuntime().availableProcessors())
                .setJvmMaxHeapMib(Runtime.getRuntime().maxMemory() / MIB)
                .setOsArch(System.getProperty("os.arch", ""))
                .setMemoryMib(physicalMemoryBytes() / MIB);
        cpuQuotaCores().ifPresent(info::setCpuQuotaCores);
        info.addAllGpus(gpus());
        return info.build();
    }

    /** The quota of this process's cgroup in cores, empty when unlimited or unreadable. */
    static OptionalDouble cpuQuotaCores() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/self/cgroup"));
            for (String line : lines) {
                String[] f = line.split(":", 3);
                if (f.length < 3) {
                    continue;
                }
                OptionalDouble quota = f[0].equals("0") && f[1].isEmpty() ? cgroupV2Quota(f[2])
                        : List.of(f[1].split(",")).contains("cpu") ? cgroupV1Quota(f[1], f[2]) : OptionalDouble.empty();
                if (quota.isPresent()) {
                    return quota;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or no cgroup file system: no quota known
        }
        return OptionalDouble.empty();
    }

    /** {@code cpu.max} of cgroup v2: "QUOTA PERIOD" or "max PERIOD". */
    static OptionalDouble parseCpuMax(String text) {
        String[] f = text.trim().split("\\s+");
        if (f.length != 2 || f[0].equals("max")) {
            return OptionalDouble.empty();
        }
        return ratio(f[0], f[1]);
    }

    /** {@code cpu.cfs_quota_us} and {@code cpu.cfs_period_us} of cgroup v1; a quota of -1 means none. */
    static OptionalDouble parseCfs(String quotaUs, String periodUs) {
        return quotaUs.trim().startsWith("-") ? OptionalDouble.empty() : ratio(quotaUs.trim(), periodUs.trim());
    }

    /** Lines of {@code nvidia-smi --query-gpu=name,memory.total --format=csv,noheader,nounits}. */
    static List<GpuInfo> parseNvidiaSmi(String output) {
        List<GpuInfo> gpus = new ArrayList<>();
        for (String line : output.split("\\R")) {
            int comma = line.lastIndexOf(',');
            if (comma <= 0) {
                continue;
            }
            GpuInfo.Builder gpu = GpuInfo.newBuilder().setName(line.substring(0, comma).trim())
                    .setSource(NVIDIA_SMI_SOURCE);
            try {
                gpu.setMemoryMib(Long.parseLong(line.substring(comma + 1).trim()));
            } catch (NumberFormatException e) {
                // "[N/A]" on some boards: memory unknown
            }
            gpus.add(gpu.build());
        }
        return gpus;
    }

    /** A Jetson's GPU from its device-tree model (e.g. "NVIDIA Jetson AGX Orin Developer Kit\0"). */
    static Optional<GpuInfo> parseJetsonModel(String model) {
        String name = model.replace("\0", "").trim();
        if (!name.contains("Jetson")) {
            return Optional.empty();
        }
        return Optional.of(GpuInfo.newBuilder().setName(name).setSource(JETSON_SOURCE).build());
    }

    private static List<GpuInfo> gpus() {
        Optional<Path> smi = onPath("nvidia-smi");
        if (smi.isPresent()) {
            List<GpuInfo> found = parseNvidiaSmi(run(smi.get().toString(), "--query-gpu=name,memory.total",
                    "--format=csv,noheader,nounits"));
            if (!found.isEmpty()) {
                return found;
            }
        }
        // Jetsons have tegrastats but no nvidia-smi; their model name says which GPU they carry
        try {
            if (Files.isReadable(DEVICE_TREE_MODEL)) {
                String model = Files.readString(DEVICE_TREE_MODEL, StandardCharsets.US_ASCII);
                return parseJetsonModel(model).map(List::of).orElse(List.of());
            }
        } catch (IOException e) {
            // unreadable device tree: no GPU known
        }
        return List.of();
    }

    private static OptionalDouble cgroupV2Quota(String path) throws IOException {
        Path own = CGROUP_ROOT.resolve(relative(path)).resolve("cpu.max");
        for (Path file : List.of(own, CGROUP_ROOT.resolve("cpu.max"))) {
            if (Files.isReadable(file)) {
                return parseCpuMax(Files.readString(file));
            }
        }
        return OptionalDouble.empty();
    }

    private static OptionalDouble cgroupV1Quota(String controllers, String path) throws IOException {
        for (Path dir : List.of(CGROUP_ROOT.resolve(controllers).resolve(relative(path)),
                CGROUP_ROOT.resolve("cpu").resolve(relative(path)), CGROUP_ROOT.resolve("cpu"))) {
            Path quota = dir.resolve("cpu.cfs_quota_us");
            if (Files.isReadable(quota)) {
                return parseCfs(Files.readString(quota), Files.readString(dir.resolve("cpu.cfs_period_us")));
            }
        }
        return OptionalDouble.empty();
    }

    private static String relative(String cgroupPath) {
        return cgroupPath.startsWith("/") ? cgroupPath.substring(1) : cgroupPath;
    }

    private static OptionalDouble ratio(String quota, String period) {
        try {
            double p = Double.parseDouble(period);
            double q = Double.parseDouble(quota);
            return p > 0 && q > 0 ? OptionalDouble.of(q / p) : OptionalDouble.empty();
        } catch (NumberFormatException e) {
            return OptionalDouble.empty();
        }
    }

    private static long physicalMemoryBytes() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getTotalMemorySize();
        }
        return 0;
    }

    /**
     * {@code program} as the first executable of that name in a directory of the PATH (empty entries skipped); empty
     * without one. Also how the testbed finds {@code taskset} for its host-speed probes.
     */
    public static Optional<Path> onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, program);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static String run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getOutputStream().close();
            if (!p.waitFor(NVIDIA_SMI_TIMEOUT_SEC, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "";
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return p.exitValue() == 0 ? out : "";
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
