package dev.isolate4j.internal.child.logging;

import java.util.Map;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Sends the child's {@code java.util.logging} records to the host (INFO and above by JUL's default
 * configuration), in place of JUL's console handler, whose lines would arrive as output.
 */
public final class JulToHost extends Handler {
    private final Formatter messages = new SimpleFormatter();

    private JulToHost() {}

    /** Makes this the root logger's only handler, at the level the host logs from. */
    public static void install() {
        Logger root = LogManager.getLogManager().getLogger("");
        for (Handler handler : root.getHandlers()) {
            root.removeHandler(handler);
        }
        root.addHandler(new JulToHost());
        root.setLevel(julLevel());
    }

    /** The JUL level of the least severe event the host logs (INFO unless it logs more or less). */
    private static Level julLevel() {
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
