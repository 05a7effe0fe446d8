package io.deepedge.hw.coordinator;

import java.io.PrintWriter;
import java.io.Writer;

/**
 * Progress output: on a terminal, {@link #status} keeps one line updated in place (carriage return, clear to the
 * end of the line) and anything else printed first clears it; elsewhere (a pipe, a log file) status lines are
 * ordinary lines, which the caller prints sparingly.
 */
public final class ProgressWriter extends PrintWriter {
    private static final String CLEAR_LINE = "\r\033[K";
    private final boolean terminal;
    private boolean statusShown;

    public ProgressWriter(Writer out, boolean terminal) {
        super(out, true);
        this.terminal = terminal;
    }

    public boolean terminal() {
        return terminal;
    }

    /** Shows {@code text} as the updating status line (terminal only; elsewhere it is printed as a line). */
    public synchronized void status(String text) {
        if (!terminal) {
            println(text);
            return;
        }
        super.write(CLEAR_LINE + text, 0, CLEAR_LINE.length() + text.length());
        statusShown = true;
        flush();
    }

    @Override
    public synchronized void write(int c) {
        clearStatus();
        super.write(c);
    }

    @Override
    public synchronized void write(char[] buf, int off, int len) {
        clearStatus();
        super.write(buf, off, len);
    }

    @Override
    public synchronized void write(String s, int off, int len) {
        clearStatus();
        super.write(s, off, len);
    }

    /** Ends the status line (it stays visible) before the output ends. */
    @Override
    public synchronized void close() {
        if (statusShown) {
            statusShown = false;
            super.write(System.lineSeparator(), 0, System.lineSeparator().length());
        }
        flush();
    }

    private void clearStatus() {
        if (statusShown) {
            statusShown = false;
            super.write(CLEAR_LINE, 0, CLEAR_LINE.length());
        }
    }

    /** Whether this process's standard error is a terminal (Linux: {@code /proc/self/fd/2} names a tty). */
    public static boolean stderrIsTerminal() {
        try {
            String target = java.nio.file.Files.readSymbolicLink(java.nio.file.Path.of("/proc/self/fd/2")).toString();
            String term = System.getenv("TERM");
            return (target.startsWith("/dev/pts/") || target.startsWith("/dev/tty")) && !"dumb".equals(term);
        } catch (java.io.IOException | UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }
}
