package dev.isolate4j.it.api;

import dev.isolate4j.annotations.Callee;

/**
 * Logs in the child, through SLF4J or java.util.logging; registered by the fixture extension as
 * callee "logs" where SLF4J is on its class path (a child on the host's class path).
 */
@Callee
public interface Logs {
    /**
     * @param via "slf4j", "jul" or "fory" (Fory's logger facade, for the class that logs; {@code
     *     logger} unused)
     * @param level SLF4J's level name (JUL: WARN is WARNING, ERROR is SEVERE)
     * @param withException whether an IllegalStateException("boom") is logged with it
     */
    void log(String via, String level, String logger, String message, boolean withException);
}
