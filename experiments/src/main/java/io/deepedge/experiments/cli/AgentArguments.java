package io.deepedge.experiments.cli;

import io.deepedge.experiments.config.ExperimentConfig;
import io.deepedge.experiments.config.ProblemText;
import io.deepedge.hw.cluster.RemoteCluster;
import io.deepedge.hw.rpc.CallDeadlines;
import io.deepedge.hw.rpc.ClientSecurity;
import io.deepedge.hw.rpc.Token;
import io.deepedge.hw.rpc.TokenFile;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * {@code --local} or {@code --agent HOST:PORT ... --token-file F [--tls-ca ...]}: the agent options {@code testbed}
 * and {@code profile} share, checked and connected by one piece of code so both give the same messages.
 */
record AgentArguments(boolean local, List<String> agents, Path tokenFile, Path tlsCa, Path tlsCert, Path tlsKey) {
    boolean remote() {
        return agents != null && !agents.isEmpty();
    }

    void check(List<String> problems) {
        if (remote() && local) {
            problems.add(ProblemText.of("--local", "given with --agent", String.join(",", agents),
                    "either --local (agents started here) or --agent HOST:PORT per device (agents already running)"));
        } else if (!remote() && !local) {
            problems.add(ProblemText.of("--local", "missing", "none given",
                    "--local (one agent per device, started here) or --agent HOST:PORT once per device"));
        }
        if (!remote()) {
            for (var o : new Object[][] {{"--token-file", tokenFile}, {"--tls-ca", tlsCa}, {"--tls-cert", tlsCert},
                    {"--tls-key", tlsKey}}) {
                if (o[1] != null) {
                    problems.add(ProblemText.of((String) o[0], "only with --agent", o[1].toString(),
                            "no token or TLS files with --local (it generates its token and serves on 127.0.0.1)"));
                }
            }
        } else if (tlsCa == null && (tlsCert != null || tlsKey != null)) {
            problems.add(ProblemText.of(tlsCert != null ? "--tls-cert" : "--tls-key", "given without --tls-ca",
                    String.valueOf(tlsCert != null ? tlsCert : tlsKey), "--tls-ca FILE too (the CA that issued the "
                            + "agents' certificates): a client certificate is only sent over TLS"));
        }
    }

    /** With {@code --agent}: Hello to every agent and the match to the config's devices; null otherwise or on problems. */
    RemoteCluster connect(ExperimentConfig cfg, Path config, PrintWriter err, List<String> problems)
            throws InterruptedException {
        if (!remote() || local) {
            return null;
        }
        int before = problems.size();
        Token token = null;
        if (tokenFile == null) {
            problems.add(ProblemText.of("--token-file", "missing", "none given", "the file holding the token the agents "
                    + "were started with (--agent needs it)"));
        } else {
            try {
                TokenFile.Loaded loaded = TokenFile.read(tokenFile);
                loaded.warnings().forEach(w -> err.println("deepedge: warning: " + w));
                token = loaded.token();
            } catch (TokenFile.InvalidTokenFileException e) {
                problems.add(e.getMessage());
            }
        }
        ClientSecurity security = ClientSecurity.plaintext();
        if (tlsCa != null) {
            security = ClientSecurity.tls(tlsCa, Optional.ofNullable(tlsCert), Optional.ofNullable(tlsKey), problems)
                    .orElse(null);
        }
        if (problems.size() > before) {
            return null;
        }
        List<String> devices = cfg.gridPoints().get(0).scenario().devices().stream().map(d -> d.name()).toList();
        return RemoteCluster.connect(agents, devices, config.toString(), token, security, CallDeadlines.defaults(),
                Path.of(System.getProperty("java.io.tmpdir")), problems).orElse(null);
    }
}
