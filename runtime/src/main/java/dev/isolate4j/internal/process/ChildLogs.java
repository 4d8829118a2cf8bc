package dev.isolate4j.internal.process;

import dev.isolate4j.internal.framing.FrameException;
import dev.isolate4j.internal.protocol.LogEvent;
import dev.isolate4j.internal.protocol.RemoteErrors;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.event.Level;

/**
 * Logs a child's event through the host's SLF4J: the child's logger name and level, its message,
 * its throwable as a {@code RemoteMethodException} chain, and its MDC plus {@value #EXTENSION_KEY}
 * (the extension's name) in the MDC while it is logged.
 */
final class ChildLogs {
    /** The MDC key that names the extension an event comes from. */
    static final String EXTENSION_KEY = "isolate4j.extension";

    private static final Level[] LEVELS = {Level.TRACE, Level.DEBUG, Level.INFO, Level.WARN, Level.ERROR};
    private static final Logger log = LoggerFactory.getLogger(ChildLogs.class);

    private ChildLogs() {}

    static void log(String extension, LogEvent event) {
        Map<String, String> saved = MDC.getCopyOfContextMap();
        try {
            event.mdc().forEach(MDC::put);
            MDC.put(EXTENSION_KEY, extension);
            LoggerFactory.getLogger(event.logger())
                    .atLevel(LEVELS[event.level()])
                    .setCause(cause(extension, event))
                    .log(event.message());
        } finally {
            if (saved == null) {
                MDC.clear();
            } else {
                MDC.setContextMap(saved);
            }
        }
    }

    private static Throwable cause(String extension, LogEvent event) {
        if (event.error() == null) {
            return null;
        }
        try {
            return RemoteErrors.decode(event.error(), new StackTraceElement[0]);
        } catch (FrameException e) {
            log.debug("extension '{}': a log event's throwable could not be read: {}", extension, e.getMessage());
            return null;
        }
    }
}
