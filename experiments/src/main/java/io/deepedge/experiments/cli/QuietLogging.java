package io.deepedge.experiments.cli;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * With {@code --quiet}, the hardware runner's informational log lines (agents started and ready, rounds re-planned)
 * are left out of stderr for the command's length; its warnings and errors still show. The level of the project's
 * logger is set back on {@link #close}, so a command run in-process leaves the JVM's logging as it found it.
 */
final class QuietLogging implements AutoCloseable {
    /** The parent of every logger of the project (the hardware runner's classes log under their own names). */
    static final String PROJECT_LOGGER = "io.deepedge";

    /** Held while quiet: the JDK keeps loggers weakly, and a collected logger would forget its level. */
    private final Logger logger;
    private final Level previous;

    private QuietLogging(Logger logger, Level previous) {
        this.logger = logger;
        this.previous = previous;
    }

    /** Quiet from now on when {@code quiet}, else nothing changes. */
    static QuietLogging when(boolean quiet) {
        if (!quiet) {
            return new QuietLogging(null, null);
        }
        Logger logger = Logger.getLogger(PROJECT_LOGGER);
        Level previous = logger.getLevel();
        logger.setLevel(Level.WARNING);
        return new QuietLogging(logger, previous);
    }

    @Override
    public void close() {
        if (logger != null) {
            logger.setLevel(previous);
        }
    }
}
