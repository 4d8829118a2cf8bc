package dev.isolate4j.internal.child.logging;

import java.util.Map;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;

/**
 * Sends the child's {@code java.util.logging} records to the host (INFO and above by JUL's default
 * configuration), in place of JUL's console handler, whose lines would arrive as output. The root
 * logger's only handler, as {@link JulConfiguration} configures JUL.
 */
public final class JulToHost extends Handler {
    private final Formatter messages = new SimpleFormatter();

    /** JUL makes its root handlers from their class names, with this constructor. */
    public JulToHost() {}

    /**
     * Initializes {@code java.util.logging} now, as {@link JulConfiguration} configures it, if it
     * was not already: off a start's path, so that a first JUL record on a call's path, or the
     * JVM's exit (which JDK 25 logs), does not pay for it.
     */
    public static void initialize() {
        LogManager.getLogManager();
    }

    /** The JUL level of the least severe event the host logs (INFO unless it logs more or less). */
    static Level level() {
        Level[] levels = {Level.FINEST, Level.FINE, Level.INFO, Level.WARNING, Level.SEVERE};
        for (int level = 0; level < levels.length; level++) {
            if (HostLog.enabled(level)) {
                return levels[level];
            }
        }
        return Level.SEVERE;
    }

    @Override
    public void publish(LogRecord record) {
        if (record == null || !isLoggable(record)) {
            return;
        }
        String logger = record.getLoggerName() == null ? "" : record.getLoggerName();
        HostLog.log(level(record.getLevel()), logger, messages.formatMessage(record), Map.of(), record.getThrown());
    }

    private static int level(Level level) {
        int value = level.intValue();
        if (value >= Level.SEVERE.intValue()) {
            return 4;
        }
        if (value >= Level.WARNING.intValue()) {
            return 3;
        }
        if (value >= Level.INFO.intValue()) {
            return 2;
        }
        return value >= Level.FINE.intValue() ? 1 : 0;
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
}
