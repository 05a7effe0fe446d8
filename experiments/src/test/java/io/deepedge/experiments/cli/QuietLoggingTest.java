package io.deepedge.experiments.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code --quiet} leaves the hardware runner's INFO lines out and keeps its warnings, for the command's length. */
class QuietLoggingTest {
    /** A logger named as the hardware runner's classes name theirs (held: the JDK keeps loggers weakly). */
    private final Logger runner = Logger.getLogger("io.deepedge.hw.local.LocalCluster");
    private final Logger project = Logger.getLogger(QuietLogging.PROJECT_LOGGER);
    private Level projectLevel;
    private final List<String> seen = new ArrayList<>();
    private final Handler recorder = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (isLoggable(record)) {
                seen.add(record.getLevel() + " " + record.getMessage());
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void listen() {
        projectLevel = project.getLevel();
        project.setLevel(Level.INFO);  // whatever logging configuration the build runs with
        runner.addHandler(recorder);
        runner.setUseParentHandlers(false);  // the test's lines stay out of the build's log
    }

    @AfterEach
    void stopListening() {
        runner.removeHandler(recorder);
        runner.setUseParentHandlers(true);
        project.setLevel(projectLevel);
    }

    @Test
    void quietKeepsWarningsOnlyAndRestoresTheLevel() {
        try (QuietLogging q = QuietLogging.when(true)) {
            runner.info("agent big ready");
            runner.warning("contention is not emulated faithfully");
        }
        runner.info("after the command");
        assertEquals(List.of("WARNING contention is not emulated faithfully", "INFO after the command"), seen);
        assertEquals(Level.INFO, project.getLevel());
    }

    @Test
    void withoutQuietEveryLineShows() {
        try (QuietLogging q = QuietLogging.when(false)) {
            runner.info("agent big ready");
            runner.warning("a warning");
        }
        assertEquals(List.of("INFO agent big ready", "WARNING a warning"), seen);
    }
}
