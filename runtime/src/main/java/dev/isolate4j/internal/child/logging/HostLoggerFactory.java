package dev.isolate4j.internal.child.logging;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;

/** The child's SLF4J loggers, one per name; shared by the SLF4J 2 provider and the 1.7 binder. */
public final class HostLoggerFactory implements ILoggerFactory {
    private final Map<String, Logger> loggers = new ConcurrentHashMap<>();

    @Override
    public Logger getLogger(String name) {
        return loggers.computeIfAbsent(name, HostLogger::new);
    }
}
