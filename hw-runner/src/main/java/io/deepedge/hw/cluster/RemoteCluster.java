package io.deepedge.hw.cluster;

import io.deepedge.hw.rpc.AgentClient;
import io.deepedge.hw.rpc.CallDeadlines;
import io.deepedge.hw.rpc.ClientSecurity;
import io.deepedge.hw.rpc.RemoteCallException;
import io.deepedge.hw.rpc.RpcLimits;
import io.deepedge.hw.rpc.Token;
import io.grpc.Status;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Agents the user started ({@code ./deepedge agent --bind ADDR --port P --token-file F --name N}), given to the
 * coordinator as {@code --agent HOST:PORT}: {@link #connect} says Hello to every one (in parallel, each within the
 * control deadline) and matches them to the config's devices by the name each reports. Every problem (an address
 * that is not HOST:PORT or given twice, an agent that cannot be reached or refuses the token or the TLS identity,
 * two agents with one name, an agent whose name is no device, a device without an agent) is reported at once, and
 * no cluster is made. The agents are not the coordinator's: {@link #close} leaves them running.
 */
public final class RemoteCluster implements AgentCluster {
    private static final Pattern HOST_PORT = Pattern.compile("(\\[[0-9A-Fa-f:.]+]|[A-Za-z0-9][A-Za-z0-9.-]*):(\\d{1,5})");

    /** One remote agent: its device name, address, and what it reported about itself. */
    public record Agent(String name, String host, int port, String arch, int cores, double cpuQuotaCores)
            implements Endpoint {
        /** {@code name=host:port}, as the manifest records it. */
        public String describe() {
            return name + "=" + address(host, port);
        }
    }

    private record Address(String text, String host, int port) {
    }

    private final Map<String, Agent> agents;
    private final Token token;
    private final ClientSecurity security;
    private final Path workDir;

    private RemoteCluster(Map<String, Agent> agents, Token token, ClientSecurity security, Path workDir) {
        this.agents = agents;
        this.token = token;
        this.security = security;
        this.workDir = workDir;
    }

    /**
     * Reaches the agents at {@code addresses} and maps them one to one onto {@code devices}; empty, with every
     * problem added to {@code problems}, when that cannot be done.
     *
     * @param config names the config in problems about its devices
     * @param tempParent where the run's private folder is created
     */
    public static Optional<RemoteCluster> connect(List<String> addresses, List<String> devices, String config,
                                                  Token token, ClientSecurity security, CallDeadlines deadlines,
                                                  Path tempParent, List<String> problems) throws InterruptedException {
        int before = problems.size();
        List<Address> parsed = parse(addresses, problems);
        List<Agent> answered = hello(parsed, token, security, deadlines, problems);
        Map<String, Agent> byName = match(answered, devices, config, problems);
        if (problems.size() > before) {
            return Optional.empty();
        }
        Map<String, Agent> ordered = new LinkedHashMap<>();
        devices.forEach(d -> ordered.put(d, byName.get(d)));
        try {
            Path dir = Files.createTempDirectory(tempParent, "deepedge-remote-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            return Optional.of(new RemoteCluster(ordered, token, security, dir));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the run's folder in " + tempParent, e);
        }
    }

    private static List<Address> parse(List<String> addresses, List<String> problems) {
        List<Address> out = new ArrayList<>();
        for (String a : addresses) {
            Matcher m = HOST_PORT.matcher(a.trim());
            int port = m.matches() ? Integer.parseInt(m.group(2)) : -1;
            if (port < 1 || port > 65535) {
                problems.add("--agent: not HOST:PORT (" + shorten(a) + "), expected e.g. 192.168.1.21:50051 or "
                        + "[fe80::1]:50051 with a port of 1 .. 65535");
                continue;
            }
            String host = m.group(1).startsWith("[") ? m.group(1).substring(1, m.group(1).length() - 1) : m.group(1);
            if (out.stream().anyMatch(o -> o.host.equalsIgnoreCase(host) && o.port == port)) {
                problems.add("--agent: given twice (" + a + "), expected each agent once");
                continue;
            }
            out.add(new Address(a.trim(), host, port));
        }
        return out;
    }

    /** Hello to every address at once; the agents that answered, in the order given. */
    private static List<Agent> hello(List<Address> addresses, Token token, ClientSecurity security,
                                     CallDeadlines deadlines, List<String> problems) throws InterruptedException {
        if (addresses.isEmpty()) {
            return List.of();
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(16, addresses.size()));
        try {
            List<Future<Agent>> calls = new ArrayList<>();
            for (Address a : addresses) {
                calls.add(pool.submit(() -> helloOne(a, token, security, deadlines)));
            }
            List<Agent> out = new ArrayList<>();
            for (int i = 0; i < calls.size(); i++) {
                try {
                    out.add(calls.get(i).get());
                } catch (ExecutionException e) {
                    problems.add(refusal(addresses.get(i), e.getCause()));
                }
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    private static Agent helloOne(Address a, Token token, ClientSecurity security, CallDeadlines deadlines)
            throws RemoteCallException {
        try (AgentClient client = AgentClient.connect(a.host, a.port, token, deadlines,
                RpcLimits.DEFAULT_MAX_INBOUND_BYTES, security)) {
            var device = client.hello("deepedge-testbed").getDevice();
            return new Agent(device.getName(), a.host, a.port, device.getOsArch(), device.getCores(),
                    device.getCpuQuotaCores());
        }
    }

    private static String refusal(Address a, Throwable cause) {
        if (!(cause instanceof RemoteCallException e)) {
            return "--agent: " + a.text + ": Hello failed (" + cause + "), expected a running ./deepedge agent";
        }
        Status s = e.status();
        String detail = s.getCode() + (s.getDescription() == null ? "" : ": " + s.getDescription()) + rootCause(s);
        return switch (s.getCode()) {
            case UNAUTHENTICATED -> "--agent: " + a.text + ": the agent refused the token (" + detail + "), expected the"
                    + " token of the agent's --token-file in --token-file";
            case UNAVAILABLE, DEADLINE_EXCEEDED -> "--agent: " + a.text + ": no answer to Hello (" + detail + "), expected"
                    + " a running ./deepedge agent there, reachable from here, with matching TLS settings (plaintext, "
                    + "or --tls-ca trusting its certificate, which must name this host, and --tls-cert/--tls-key when "
                    + "it requires mutual TLS)";
            default -> "--agent: " + a.text + ": Hello refused (" + detail + "), expected a ./deepedge agent of "
                    + "protocol 1.x";
        };
    }

    /** The innermost cause (a TLS handshake's reason is only there); never holds the token. */
    private static String rootCause(Status s) {
        Throwable t = s.getCause();
        if (t == null) {
            return "";
        }
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return "; " + t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + shorten(t.getMessage()));
    }

    private static Map<String, Agent> match(List<Agent> answered, List<String> devices, String config,
                                            List<String> problems) {
        Map<String, List<Agent>> byName = answered.stream()
                .collect(Collectors.groupingBy(Agent::name, LinkedHashMap::new, Collectors.toList()));
        Map<String, Agent> out = new LinkedHashMap<>();
        for (Map.Entry<String, List<Agent>> e : byName.entrySet()) {
            List<Agent> same = e.getValue();
            if (same.size() > 1) {
                problems.add("--agent: " + same.stream().map(a -> address(a.host, a.port)).collect(Collectors.joining(
                        ", ")) + ": " + same.size() + " agents report the device name " + e.getKey() + ", expected one "
                        + "agent per device (start each with its own --name)");
            } else if (!devices.contains(e.getKey())) {
                Agent a = same.get(0);
                problems.add("--agent: " + address(a.host, a.port) + ": the agent's device name (" + e.getKey() + ") is "
                        + "not a device of " + config + ", expected one of " + String.join(", ", devices)
                        + " (the agent's --name)");
            } else {
                out.put(e.getKey(), same.get(0));
            }
        }
        for (String d : devices) {
            if (!byName.containsKey(d)) {
                problems.add(config + ": devices: " + d + ": no agent reports this name ("
                        + (answered.isEmpty() ? "no agent answered" : "agents answered as " + answered.stream()
                        .map(Agent::describe).collect(Collectors.joining(", "))) + "), expected one --agent HOST:PORT "
                        + "per configured device, started with --name " + d);
            }
        }
        return out;
    }

    @Override
    public Agent agent(String device) {
        Agent a = agents.get(device);
        if (a == null) {
            throw new IllegalArgumentException("no agent for device " + device + " (" + agents.keySet() + ")");
        }
        return a;
    }

    /** The agents in device order. */
    public List<Agent> agents() {
        return List.copyOf(agents.values());
    }

    @Override
    public Token token() {
        return token;
    }

    @Override
    public ClientSecurity security() {
        return security;
    }

    @Override
    public Path workDir() {
        return workDir;
    }

    /** Removes the run's folder; the agents keep running (the user started them). */
    @Override
    public void close() {
        if (!Files.exists(workDir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(workDir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            System.getLogger(RemoteCluster.class.getName()).log(System.Logger.Level.WARNING,
                    "cannot remove the run folder {0}: {1}", workDir, e.getMessage());
        }
    }

    static String address(String host, int port) {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    private static String shorten(String s) {
        return s.length() <= 160 ? s : s.substring(0, 160) + "...";
    }
}
