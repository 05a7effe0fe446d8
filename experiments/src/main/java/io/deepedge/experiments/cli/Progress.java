package io.deepedge.experiments.cli;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

/**
 * Progress of a run list on stderr, shown only for work that lasts: nothing until {@code afterSec} have passed
 * (a quick run prints no progress at all), then a progress bar with ETA when stderr is a terminal, else plain
 * lines whose content does not depend on timing (one each time another tenth of the runs is done), so logs of
 * two runs compare. Progress only writes to stderr: it never touches a result file.
 *
 * <p>The bar is me.tongfei:progressbar with an explicit width: that keeps it from opening a JLine system
 * terminal, which would replace the JVM's SIGINT handler and so skip the cleanup of an interrupted run.
 */
final class Progress implements IntConsumer, AutoCloseable {
    enum Mode { QUIET, PLAIN, BAR }

    private static final int DEFAULT_WIDTH = 80;

    private final Mode mode;
    private final int total;
    private final PrintWriter lines;
    private final PrintStream terminal;
    private final long startNanos = System.nanoTime();
    private final ScheduledExecutorService timer;
    // written under this lock; volatile because the bar's render thread reads it for the ETA without the lock
    // (ProgressBar.close() waits for that thread, and close() holds the lock)
    private volatile int done;
    // all below guarded by this: runner threads report, the timer shows, the command closes
    private boolean shown;
    private boolean closed;
    private ProgressBar bar;

    private Progress(Mode mode, int total, PrintWriter lines, PrintStream terminal, double afterSec) {
        this.mode = mode;
        this.total = total;
        this.lines = lines;
        this.terminal = terminal;
        if (mode == Mode.QUIET || total == 0) {
            timer = null;
        } else if (afterSec <= 0) {
            timer = null;
            show();
        } else {
            timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "deepedge-progress");
                t.setDaemon(true);
                return t;
            });
            timer.schedule(this::show, Math.round(afterSec * 1000), TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Starts reporting {@code total} runs.
     *
     * @param lines    where plain lines go
     * @param terminal where the bar goes (the process's stderr, a terminal)
     * @param afterSec show nothing before this much wall time has passed (0: from the start)
     */
    static Progress start(Mode mode, int total, PrintWriter lines, PrintStream terminal, double afterSec) {
        return new Progress(mode, total, lines, terminal, afterSec);
    }

    /** QUIET with {@code --quiet}, BAR when stderr is a terminal, else PLAIN. */
    static Mode mode(boolean quiet) {
        return quiet ? Mode.QUIET : stderrIsTerminal() ? Mode.BAR : Mode.PLAIN;
    }

    /** One run finished (called from the runner threads; the index is not used, runs finish in any order). */
    @Override
    public synchronized void accept(int runIndex) {
        done++;
        if (!shown || closed) {
            return;
        }
        if (bar != null) {
            bar.stepTo(done);
        } else if (tenths(done) > tenths(done - 1)) {
            line();
        }
    }

    private synchronized void show() {
        if (closed || shown) {
            return;
        }
        shown = true;
        if (mode == Mode.BAR) {
            bar = new ProgressBarBuilder().setTaskName("simulate").setInitialMax(total).setUnit(" runs", 1)
                    .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(500)
                    .setConsumer(new ConsoleProgressBarConsumer(terminal, width() - 1))
                    .startsFrom(done, Duration.ofNanos(System.nanoTime() - startNanos))
                    .setEtaFunction(state -> eta()).build();
        } else {
            lines.printf(Locale.ROOT, "simulating %d runs (a line each 10 %%)%n", total);
            lines.flush();
        }
    }

    /** Remaining time at the mean pace since the start (the bar's own ETA would count from when it appeared). */
    private Optional<Duration> eta() {
        int n = done;
        if (n == 0) {
            return Optional.empty();
        }
        long elapsed = System.nanoTime() - startNanos;
        return Optional.of(Duration.ofNanos(elapsed / n * (total - n)));
    }

    private long tenths(int n) {
        return 10L * n / total;
    }

    private void line() {
        lines.printf(Locale.ROOT, "simulated %d/%d runs (%d %%)%n", done, total, 100L * done / total);
        lines.flush();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (timer != null) {
            timer.shutdownNow();
        }
        if (bar != null) {
            bar.stepTo(done);
            bar.close();
        }
    }

    /**
     * Whether the process's stderr is a terminal: on Linux, file descriptor 2 links to a tty device (the JDK has
     * no isatty); elsewhere an interactive console is taken as the sign.
     */
    static boolean stderrIsTerminal() {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return System.console() != null;
        }
    }

    /** The terminal's width from COLUMNS when the shell exports it, else 80. */
    private static int width() {
        String columns = System.getenv("COLUMNS");
        if (columns != null && columns.matches("\\d{2,4}")) {
            return Integer.parseInt(columns);
        }
        return DEFAULT_WIDTH;
    }
}
