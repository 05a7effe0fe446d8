package io.deepedge.experiments.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * (A copy of hw-runner's test helper of the same name: test classes are not shared between modules.)
 * Certificates for TLS tests, made with the openssl commands the README documents (so the tests also check them):
 * a CA, then keys and certificates it signs, with the subjectAltName and extended key usage given.
 */
final class TestCertificates {
    private final Path dir;

    public TestCertificates(Path dir) {
        this.dir = dir;
    }

    /** True when {@code openssl} runs here (the tests that need it say so when it does not). */
    public static boolean opensslAvailable() {
        try {
            Process p = new ProcessBuilder("openssl", "version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** {@code NAME.crt} and {@code NAME.key}: a self-signed CA. */
    public Path ca(String name) throws IOException, InterruptedException {
        run("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-days", "825", "-subj", "/CN=" + name, "-addext", "basicConstraints=critical,CA:TRUE",
                "-addext", "keyUsage=critical,keyCertSign,cRLSign", "-keyout", name + ".key", "-out", name + ".crt");
        return dir.resolve(name + ".crt");
    }

    /**
     * {@code NAME.crt} and {@code NAME.key} signed by {@code ca}.
     *
     * @param san e.g. {@code IP:127.0.0.1,DNS:localhost}; empty for none
     * @param usage {@code serverAuth} (an agent) or {@code clientAuth} (a coordinator)
     */
    public Path issue(String ca, String name, String san, String usage) throws IOException, InterruptedException {
        run("openssl", "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-subj",
                "/CN=" + name, "-keyout", name + ".key", "-out", name + ".csr");
        Files.writeString(dir.resolve(name + ".ext"), (san.isEmpty() ? "" : "subjectAltName=" + san + "\n")
                + "extendedKeyUsage=" + usage + "\n", StandardCharsets.US_ASCII);
        run("openssl", "x509", "-req", "-in", name + ".csr", "-CA", ca + ".crt", "-CAkey", ca + ".key",
                "-CAcreateserial", "-days", "825", "-extfile", name + ".ext", "-out", name + ".crt");
        return dir.resolve(name + ".crt");
    }

    public Path cert(String name) {
        return dir.resolve(name + ".crt");
    }

    public Path key(String name) {
        return dir.resolve(name + ".key");
    }

    /** Runs a command in the folder; IOException with its output when it fails. */
    public void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(new ArrayList<>(List.of(command))).directory(dir.toFile())
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", command) + " failed:\n" + output);
        }
    }
}
