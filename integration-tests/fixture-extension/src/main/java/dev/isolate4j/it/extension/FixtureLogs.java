package dev.isolate4j.it.extension;

import dev.isolate4j.it.api.Logs;
import java.util.logging.Level;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** Logs as the extension's code would; loaded only where SLF4J is. */
final class FixtureLogs implements Logs {
    @Override
    public void log(String via, String level, String logger, String message, boolean withException) {
        Throwable error = withException ? new IllegalStateException("boom") : null;
        if (via.equals("fory")) {
            // Fory's own logger facade, as the runtime's Fory logs in this JVM: a class's logger.
            org.apache.fory.logging.Logger fory = org.apache.fory.logging.LoggerFactory.getLogger(FixtureLogs.class);
            switch (level) {
                case "ERROR" -> fory.error(message);
                case "WARN" -> fory.warn(message);
                default -> fory.info(message);
            }
            return;
        }
        if (via.equals("jul")) {
            Level julLevel = switch (level) {
                case "ERROR" -> Level.SEVERE;
                case "WARN" -> Level.WARNING;
                default -> Level.INFO;
            };
            java.util.logging.Logger.getLogger(logger).log(julLevel, message, error);
            return;
        }
        MDC.put("request", "r-1");
        try {
            LoggerFactory.getLogger(logger)
                    .atLevel(org.slf4j.event.Level.valueOf(level))
                    .setCause(error)
                    .log(message);
        } finally {
            MDC.remove("request");
        }
    }
}
