package io.deepedge.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quickstart's report (2 replications) opened in a real browser: Debian's {@code chromium}, headless, driven
 * over the DevTools protocol from a private profile folder (removed afterwards), with no network. Every image must
 * have loaded (naturalWidth > 0), the console must hold no error and the page no exception; a full-page screenshot
 * is kept in {@code target/browser-check/report.png}. Also: the page links only relative paths to files that exist.
 *
 * <p>chromium is found as {@code $DEEPEDGE_CHROMIUM} or {@code chromium} on the PATH. Without it the test fails
 * (CI installs it, see .ci/run), unless {@code DEEPEDGE_SKIP_BROWSER_CHECK=1} says to skip it on this machine.
 */
class ReportBrowserTest {
    private static final Pattern LINK = Pattern.compile("(?:src|href)=\"([^\"]*)\"");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;
    private static Path report;

    @BeforeAll
    static void simulateTheQuickstart() {
        Path out = tmp.resolve("quickstart");
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"simulate", "../experiments/configs/quickstart.yaml", "--replications", "2",
                "--out", out.toString(), "--quiet", "--no-timing"}, new PrintWriter(new StringWriter()),
                new PrintWriter(err));
        assertEquals(0, code, err.toString());
        report = out.resolve("report.html");
    }

    @Test
    void reportLinksOnlyFilesThatExistBesideIt() throws IOException {
        String page = Files.readString(report);
        List<String> links = new ArrayList<>();
        Matcher m = LINK.matcher(page);
        while (m.find()) {
            links.add(m.group(1));
        }
        assertTrue(links.containsAll(List.of("runs.csv", "services.csv", "summary.csv", "comparison.csv",
                "manifest.json", "plots/retrain_time.png", "plots/retrain_time.svg")), links.toString());
        for (String link : links) {
            assertFalse(link.contains(":") || link.startsWith("/") || link.contains(".."), "relative: " + link);
            assertTrue(Files.isRegularFile(report.resolveSibling(link)), "exists: " + link);
        }
    }

    @Test
    void everyImageLoadsAndTheConsoleHasNoErrorInChromium() throws Exception {
        Path chromium = chromium();
        Path profile = Files.createDirectory(tmp.resolve("chromium-profile"));
        Process browser = new ProcessBuilder(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--no-default-browser-check", "--disable-extensions", "--disable-background-networking",
                "--disable-sync", "--no-proxy-server", "--host-resolver-rules=MAP * ~NOTFOUND",
                "--user-data-dir=" + profile, "--remote-debugging-port=0", "--window-size=1200,900", "about:blank")
                .redirectErrorStream(true).redirectOutput(tmp.resolve("chromium.log").toFile()).start();
        try (DevToolsClient cdp = DevToolsClient.connect(endpoint(profile, browser))) {
            String target = cdp.send("Target.createTarget", Map.of("url", "about:blank"), null).get("targetId").asText();
            String session = cdp.send("Target.attachToTarget", Map.of("targetId", target, "flatten", true), null)
                    .get("sessionId").asText();
            for (String domain : List.of("Page", "Runtime", "Log")) {
                cdp.send(domain + ".enable", Map.of(), session);
            }
            cdp.send("Page.navigate", Map.of("url", report.toUri().toString()), session);
            cdp.awaitEvent("Page.loadEventFired");
            JsonNode images = JSON.readTree(cdp.send("Runtime.evaluate", Map.of("returnByValue", true, "expression",
                    "JSON.stringify(Array.from(document.images).map(i => [i.getAttribute('src'), i.naturalWidth]))"),
                    session).path("result").path("value").asText());
            byte[] png = Base64.getDecoder().decode(cdp.send("Page.captureScreenshot",
                    Map.of("format", "png", "captureBeyondViewport", true), session).get("data").asText());
            Path shot = Path.of("target", "browser-check", "report.png");
            Files.createDirectories(shot.getParent());
            Files.write(shot, png);

            assertTrue(images.size() >= 8, "the quickstart's report shows its charts: " + images);
            for (JsonNode image : images) {
                assertTrue(image.get(1).asInt() > 0, "image loaded: " + image);
            }
            assertEquals(List.of(), errors(cdp.events()));
            assertTrue(png.length > 10_000 && png[1] == 'P' && png[2] == 'N' && png[3] == 'G', "a screenshot");
            cdp.send("Browser.close", Map.of(), null);
        } finally {
            if (!browser.waitFor(DevToolsClient.REPLY_TIMEOUT_SEC, TimeUnit.SECONDS)) {
                browser.destroyForcibly().waitFor();
            }
        }
    }

    /** Console errors, uncaught exceptions and browser log errors (a resource that failed to load is one). */
    private static List<String> errors(List<JsonNode> events) {
        List<String> errors = new ArrayList<>();
        for (JsonNode e : events) {
            String method = e.path("method").asText();
            JsonNode p = e.path("params");
            if (method.equals("Runtime.exceptionThrown")
                    || method.equals("Runtime.consoleAPICalled") && List.of("error", "assert").contains(p.path("type").asText())
                    || method.equals("Log.entryAdded") && p.path("entry").path("level").asText().equals("error")) {
                errors.add(method + ": " + p);
            }
        }
        return errors;
    }

    /** The browser's DevTools WebSocket address, from the DevToolsActivePort file it writes into its profile. */
    private static URI endpoint(Path profile, Process browser) throws Exception {
        Path active = profile.resolve("DevToolsActivePort");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DevToolsClient.REPLY_TIMEOUT_SEC);
        while (!Files.isRegularFile(active) || Files.readAllLines(active).size() < 2) {
            if (!browser.isAlive() || System.nanoTime() > deadline) {
                fail("chromium did not start its DevTools endpoint; its output: "
                        + Files.readString(tmp.resolve("chromium.log")));
            }
            Thread.sleep(50);
        }
        List<String> lines = Files.readAllLines(active);
        return URI.create("ws://127.0.0.1:" + lines.get(0).strip() + lines.get(1).strip());
    }

    private static Path chromium() {
        Optional<Path> found = Optional.ofNullable(System.getenv("DEEPEDGE_CHROMIUM")).map(Path::of)
                .or(() -> Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                        .map(dir -> Path.of(dir, "chromium")).filter(Files::isExecutable).findFirst());
        if (found.isEmpty()) {
            String reason = "no chromium on this machine (apt-get install chromium, or set DEEPEDGE_CHROMIUM)";
            if ("1".equals(System.getenv("DEEPEDGE_SKIP_BROWSER_CHECK"))) {
                Assumptions.abort(reason + "; skipped because DEEPEDGE_SKIP_BROWSER_CHECK=1");
            }
            fail(reason + "; set DEEPEDGE_SKIP_BROWSER_CHECK=1 to skip the browser check on a machine without it");
        }
        return found.get();
    }
}
