package io.deepedge.experiments.cli;

import io.deepedge.hw.cgroup.CpuQuotas;
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
    /** The JDK logger behind a hardware-runner class's System.Logger (held: the JDK keeps loggers weakly). */
    private final Logger jdkLogger = Logger.getLogger(CpuQuotas.class.getName());
    /** Logged through as the hardware runner logs (System.getLogger), so the test sees its route to JDK logging. */
    private final System.Logger runner = System.getLogger(CpuQuotas.class.getName());
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
        jdkLogger.addHandler(recorder);
        jdkLogger.setUseParentHandlers(false);  // the test's lines stay out of the build's log
    }

    @AfterEach
    void stopListening() {
        jdkLogger.removeHandler(recorder);
        jdkLogger.setUseParentHandlers(true);
        project.setLevel(projectLevel);
    }

    @Test
    void quietKeepsWarningsOnlyAndRestoresTheLevel() {
        try (QuietLogging q = QuietLogging.when(true)) {
            runner.log(System.Logger.Level.INFO, "agent big ready");
            runner.log(System.Logger.Level.WARNING, "contention is not emulated faithfully");
        }
        runner.log(System.Logger.Level.INFO, "after the command");
        assertEquals(List.of("WARNING contention is not emulated faithfully", "INFO after the command"), seen);
        assertEquals(Level.INFO, project.getLevel());
    }

    @Test
    void withoutQuietEveryLineShows() {
        try (QuietLogging q = QuietLogging.when(false)) {
            runner.log(System.Logger.Level.INFO, "agent big ready");
            runner.log(System.Logger.Level.WARNING, "a warning");
        }
        assertEquals(List.of("INFO agent big ready", "WARNING a warning"), seen);
    }
}
