package io.deepedge.experiments.cli;

import io.deepedge.hw.device.AgentOptions;
import io.deepedge.hw.device.AgentRuntime;
import io.deepedge.hw.rpc.ServerSecurity;
import io.deepedge.hw.rpc.Token;
import io.deepedge.hw.rpc.TokenFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code deepedge agent}: a device agent serving training work and LC services to a coordinator (hw-runner). */
@Command(name = "agent", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Start a device agent: a gRPC server that computes the training gradients a coordinator sends "
                + "(DL4J) and hosts its latency-critical inference services.",
                "It binds 127.0.0.1 unless --bind says otherwise and refuses every call without the shared token. "
                        + "It stops on a Shutdown call, SIGTERM or Ctrl-C (cleanly), or at the end of its standard "
                        + "input with --exit-on-stdin-eof."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:stopped normally", "1:failure (port taken, coordinator refused the agent)",
                "2:invalid arguments (nothing started)"})
public final class AgentCommand implements Callable<Integer>, ArgumentProblems.Sink {
    @Spec
    private CommandSpec spec;

    @Option(names = "--port", paramLabel = "P", defaultValue = "" + AgentOptions.DEFAULT_PORT,
            description = "port to listen on, 0 .. 65535 (0: any free port, printed at start); default ${DEFAULT-VALUE}")
    private int port = AgentOptions.DEFAULT_PORT; // also when a parse problem stops picocli before its defaults

    @Option(names = "--bind", paramLabel = "ADDR", defaultValue = "127.0.0.1",
            description = "address to listen on (0.0.0.0: every interface; only with a firewall you trust); default ${DEFAULT-VALUE}")
    private String bind = "127.0.0.1";

    @Option(names = "--token-file", paramLabel = "F",
            description = "file holding the shared token (required): openssl rand -hex 32 > agent.token && chmod 600 agent.token")
    private Path tokenFile;

    @Option(names = "--name", paramLabel = "N", description = "the device's name (default: this host's name)")
    private String name;

    @Option(names = "--coordinator", paramLabel = "HOST:PORT",
            description = "register with this coordinator and send it heartbeats and metrics")
    private String coordinator;

    @Option(names = "--tls-cert", paramLabel = "FILE",
            description = "serve TLS with this certificate (PEM; its subjectAltName must name the host coordinators dial)")
    private Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "FILE", description = "the certificate's private key (unencrypted PKCS#8 PEM)")
    private Path tlsKey;

    @Option(names = "--tls-client-ca", paramLabel = "FILE",
            description = "mutual TLS: accept only clients presenting a certificate issued by this CA (PEM)")
    private Path tlsClientCa;

    @Option(names = "--exit-on-stdin-eof",
            description = "stop when standard input ends (for launchers: the agent goes when the launcher dies, even by SIGKILL)")
    private boolean exitOnStdinEof;

    @Option(names = "--port-file", paramLabel = "F",
            description = "for launchers: write the bound port to this new file once serving (complete or absent)")
    private Path portFile;

    @Option(names = "--cgroup", paramLabel = "DIR",
            description = "for launchers: the cgroup this agent is placed in; it leaves and removes it when it stops")
    private Path cgroup;

    private final List<String> parseProblems = new ArrayList<>();

    @Override
    public void argumentProblems(List<String> problems) {
        parseProblems.addAll(problems);
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        List<String> problems = new ArrayList<>(parseProblems);
        PrintWriter err = spec.commandLine().getErr();
        if (tokenFile == null) {
            problems.add("--token-file: missing, expected a file holding the shared token (openssl rand -hex 32 > "
                    + "agent.token && chmod 600 agent.token); calls without it are refused");
        }
        AgentOptions options = new AgentOptions(name != null ? name : hostName(), bind,
                port, tokenFile != null ? tokenFile : Path.of(""), Optional.ofNullable(coordinator), exitOnStdinEof,
                Optional.ofNullable(portFile), Optional.ofNullable(cgroup));
        List<String> optionProblems = options.problems();
        for (String p : optionProblems) {
            if (tokenFile != null || !p.startsWith("--token-file:")) {
                problems.add(p);
            }
        }
        Token token = null;
        if (tokenFile != null && problems.stream().noneMatch(p -> p.startsWith("--token-file:"))) {
            try {
                TokenFile.Loaded loaded = TokenFile.read(tokenFile);
                loaded.warnings().forEach(w -> err.println("deepedge agent: warning: " + w));
                token = loaded.token();
            } catch (TokenFile.InvalidTokenFileException e) {
                problems.add(e.getMessage());
            }
        }
        ServerSecurity security = security(problems);
        if (!problems.isEmpty()) {
            throw new UsageError(problems);
        }
        AgentRuntime agent;
        try {
            agent = AgentRuntime.start(options, token, security, spec.commandLine().getOut());
        } catch (IOException e) {
            err.println("deepedge agent: cannot serve on " + bind + ":" + port + " (" + e.getMessage() + ")");
            return Main.EXIT_FAILURE;
        }
        return agent.awaitStop();
    }

    /** Plaintext without TLS options; TLS or mutual TLS from them, every problem with them added. */
    private ServerSecurity security(List<String> problems) {
        if (tlsCert == null && tlsKey == null) {
            if (tlsClientCa != null) {
                problems.add("--tls-client-ca: given without --tls-cert and --tls-key (" + tlsClientCa + "), expected "
                        + "the agent's own certificate and key too (mutual TLS is TLS plus client certificates)");
            }
            return ServerSecurity.plaintext();
        }
        if (tlsCert == null || tlsKey == null) {
            problems.add((tlsCert == null ? "--tls-cert" : "--tls-key") + ": missing, expected --tls-cert and --tls-key "
                    + "together (the agent's certificate and its private key)");
            return null;
        }
        return ServerSecurity.tls(tlsCert, tlsKey, Optional.ofNullable(tlsClientCa), problems).orElse(null);
    }

    private static String hostName() {
        try {
            String host = InetAddress.getLocalHost().getHostName();
            int dot = host.indexOf('.');
            return dot > 0 ? host.substring(0, dot) : host;
        } catch (IOException e) {
            return "agent";
        }
    }
}
