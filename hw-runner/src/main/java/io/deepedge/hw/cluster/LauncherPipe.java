package io.deepedge.hw.cluster;

import java.io.IOException;
import java.io.InputStream;

/**
 * The standard input of a process a local launcher started (an agent, the host-speed probe): a pipe the launcher
 * holds and never writes, so its end means the launcher is gone, even when it was SIGKILLed and could not stop
 * anything itself.
 */
public final class LauncherPipe {
    private LauncherPipe() {
    }

    /** Runs {@code onEnd} on a daemon thread named {@code threadName} once {@code in} ends (or breaks). */
    public static void onEnd(InputStream in, String threadName, Runnable onEnd) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[256];
            try {
                while (in.read(buffer) >= 0) {
                    // input is ignored; only its end matters
                }
            } catch (IOException e) {
                // a broken pipe is an end too
            }
            onEnd.run();
        }, threadName);
        t.setDaemon(true);
        t.start();
    }
}
