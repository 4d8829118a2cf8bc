package dev.isolate4j.internal.process;

import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The SLF4J provider a child JVM should use, named on its command line: left to find one, SLF4J
 * opens every jar of the class path at the child's first log call (about 30 ms for the 45 jars of
 * a typical host class path), in the middle of its start.
 */
final class LoggingProvider {
    /** SLF4J's own no-operation provider: an isolated child's runtime has no other, on purpose. */
    static final String NONE = "org.slf4j.helpers.NOP_FallbackServiceProvider";

    private static volatile Optional<String> hostProvider;

    private LoggingProvider() {}

    /** The runtime's own, which sends a child's events to the host's SLF4J. */
    static final String TO_HOST = "dev.isolate4j.internal.child.logging.HostSlf4jProvider";

    /**
     * {@return the provider's class name: for a child on the host's class path with SLF4J 2, the
     * one that sends its events to the host; empty when the host's SLF4J finds its binding another
     * way (SLF4J 1.7), which a child on the host's class path then does too}
     */
    static Optional<String> forChild(boolean isolated) {
        if (isolated) {
            return Optional.of(NONE);
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
}
