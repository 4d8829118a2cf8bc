package dev.isolate4j.internal.child.logging;

import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.helpers.BasicMDCAdapter;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The SLF4J 2 provider of a child: each event from the level the host logs, the extension's and its
 * libraries' and the runtime's, goes to the host's SLF4J with its level, logger, message, throwable
 * and MDC (see {@link HostLog}). Named on the child's command line for the runtime's own SLF4J, and
 * listed for an isolated extension's SLF4J 2 that brings no provider ({@link ExtensionSlf4j}).
 */
public final class HostSlf4jProvider implements SLF4JServiceProvider {
    private final ILoggerFactory factory = new HostLoggerFactory();
    private final IMarkerFactory markers = new BasicMarkerFactory();
    private final MDCAdapter mdc = new BasicMDCAdapter();

    @Override
    public ILoggerFactory getLoggerFactory() {
        return factory;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }

    @Override
    public void initialize() {
        // nothing to read: the connection arrives through HostLog.connect
    }
}
