package dev.isolate4j.internal.process;

import dev.isolate4j.internal.child.logging.HostLog;
import java.util.Optional;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SLF4J provider a child JVM should use, named on its command line: left to find one, SLF4J
 * opens every jar of the class path at the child's first log call (about 30 ms for the 45 jars of
 * a typical host class path), in the middle of its start.
 */
final class LoggingProvider {
    /** SLF4J's own no-operation provider, for a child of a host whose SLF4J has none. */
    static final String NONE = "org.slf4j.helpers.NOP_FallbackServiceProvider";

    private static volatile Optional<String> hostProvider;

    private LoggingProvider() {}

    /** The runtime's own, which sends a child's events to the host's SLF4J. */
    static final String TO_HOST = "dev.isolate4j.internal.child.logging.HostSlf4jProvider";

    /**
     * {@return the provider's class name: for an isolated child, whose runtime has SLF4J 2 of its
     * own, and for a child on the host's class path with SLF4J 2, the one that sends its events to
     * the host; empty when the host's SLF4J finds its binding another way (SLF4J 1.7), which a child
     * on the host's class path then does too}
     */
    static Optional<String> forChild(boolean isolated) {
        if (isolated) {
            return Optional.of(TO_HOST);
        }
        Optional<String> provider = hostProvider;
        if (provider == null) {
            provider = findHostProvider();
            hostProvider = provider;
        }
        return provider.map(found -> TO_HOST);
    }

    /** What SLF4J 2 would find on the host's class path, which a non-isolated child shares. */
    private static Optional<String> findHostProvider() {
        try {
            return Optional.of(ServiceLoader.load(org.slf4j.spi.SLF4JServiceProvider.class).stream()
                    .findFirst()
                    .map(provider -> provider.type().getName())
                    .orElse(NONE));
        } catch (LinkageError e) {
            return Optional.empty(); // SLF4J 1.7 on the host's class path
        }
    }

    /**
     * {@return the child's {@value HostLog#THRESHOLD_PROPERTY} option: the least severe level the
     * host's root logger logs, so that a child sends no event the host would drop, and sends DEBUG
     * once the host logs it}
     */
    static String thresholdOption() {
        Logger root = LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
        String level;
        if (root.isTraceEnabled()) {
            level = "TRACE";
        } else if (root.isDebugEnabled()) {
            level = "DEBUG";
        } else if (root.isInfoEnabled()) {
            level = "INFO";
        } else if (root.isWarnEnabled()) {
            level = "WARN";
        } else {
            level = "ERROR";
        }
        return "-D" + HostLog.THRESHOLD_PROPERTY + "=" + level;
    }
}
