package io.deepedge.hw.device;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What {@code ./deepedge agent} was told. {@link #problems()} checks everything at once and names each option
 * with its value ({@code OPTION: what (value), expected ...}); the token file is checked when it is read.
 *
 * @param name the device's name (what the coordinator and the results call it)
 * @param bindAddress the address to listen on (127.0.0.1 unless told otherwise)
 * @param port 0 picks a free port (then see {@code portFile})
 * @param tokenFile the shared token
 * @param coordinator {@code HOST:PORT} of a coordinator to register with and heartbeat to
 * @param exitOnStdinEof stop when standard input reaches its end (a launcher's pipe closed: the launcher died)
 * @param portFile where to write the bound port once serving (written whole, by rename), for launchers
 * @param cgroupDir the cgroup a launcher put this agent in: left and removed when the agent exits
 */
public record AgentOptions(String name, String bindAddress, int port, Path tokenFile, Optional<String> coordinator,
                           boolean exitOnStdinEof, Optional<Path> portFile, Optional<Path> cgroupDir) {
    public static final int DEFAULT_PORT = 50051;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern HOST_PORT = Pattern.compile("(\\[[0-9A-Fa-f:.]+]|[A-Za-z0-9][A-Za-z0-9.-]*):(\\d{1,5})");

    public AgentOptions {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(tokenFile, "tokenFile");
        Objects.requireNonNull(coordinator, "coordinator");
        Objects.requireNonNull(portFile, "portFile");
        Objects.requireNonNull(cgroupDir, "cgroupDir");
    }

    /** Every problem with these options, in option order; empty when they are usable. */
    public List<String> problems() {
        List<String> out = new ArrayList<>();
        if (port < 0 || port > 65535) {
            out.add("--port: out of range (" + port + "), expected 0 .. 65535 (0: any free port)");
        }
        bindProblem().ifPresent(out::add);
        if (!Files.exists(tokenFile)) {
            out.add("--token-file: " + tokenFile + ": file not found, expected an existing file holding the shared token"
                    + " (openssl rand -hex 32 > agent.token && chmod 600 agent.token)");
        }
        if (!NAME.matcher(name).matches()) {
            out.add("--name: not a device name (" + shorten(name) + "), expected 1-64 letters, digits, '.', '_' or '-',"
                    + " starting with a letter or digit");
        }
        coordinator.ifPresent(c -> {
            var m = HOST_PORT.matcher(c);
            if (!m.matches() || Integer.parseInt(m.group(2)) < 1 || Integer.parseInt(m.group(2)) > 65535) {
                out.add("--coordinator: not HOST:PORT (" + shorten(c) + "), expected e.g. 192.168.1.10:50050 or [::1]:50050"
                        + " with a port of 1 .. 65535");
            }
        });
        portFile.ifPresent(f -> {
            Path dir = f.toAbsolutePath().getParent();
            if (dir == null || !Files.isDirectory(dir)) {
                out.add("--port-file: " + f + ": its folder does not exist, expected a file in an existing folder");
            } else if (Files.exists(f)) {
                out.add("--port-file: " + f + ": exists, expected a new file (it is never overwritten)");
            }
        });
        cgroupDir.ifPresent(d -> {
            if (!Files.isRegularFile(d.resolve("cgroup.procs"))) {
                out.add("--cgroup: " + d + ": not a cgroup (no cgroup.procs), expected the group a launcher put this agent in");
            }
        });
        return out;
    }

    /** The coordinator's host (without IPv6 brackets). */
    public Optional<String> coordinatorHost() {
        return coordinator.map(c -> {
            String host = c.substring(0, c.lastIndexOf(':'));
            return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        });
    }

    public Optional<Integer> coordinatorPort() {
        return coordinator.map(c -> Integer.parseInt(c.substring(c.lastIndexOf(':') + 1)));
    }

    private Optional<String> bindProblem() {
        String expected = "an address of this machine, e.g. 127.0.0.1 (default), 0.0.0.0 (all) or a LAN address";
        InetAddress address;
        try {
            address = InetAddress.getByName(bindAddress);
        } catch (UnknownHostException | SecurityException e) {
            return Optional.of("--bind: unknown host (" + shorten(bindAddress) + "), expected " + expected);
        }
        try {
            if (address.isAnyLocalAddress() || address.isLoopbackAddress()
                    || NetworkInterface.getByInetAddress(address) != null) {
                return Optional.empty();
            }
        } catch (SocketException e) {
            // cannot tell: reported below
        }
        return Optional.of("--bind: not an address of this machine (" + shorten(bindAddress) + "), expected " + expected);
    }

    private static String shorten(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "...";
    }
}
