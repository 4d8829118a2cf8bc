package dev.isolate4j.internal.process;

import java.nio.channels.spi.SelectorProvider;
import java.util.Optional;

/**
 * The channel provider a child JVM should use, named on its command line. Left to find one, the
 * JDK looks for a {@code SelectorProvider} service on the class path before it takes its own: at a
 * child's first socket, in the middle of its start, it opens every jar of a non-isolated child's
 * class path (the host's), however many there are.
 *
 * <p>Named only when the host uses the JDK's own provider, which the child's JDK (same machine,
 * same operating system) has too; a host whose class path provides another leaves the child to find
 * the same.
 */
final class SelectorProviderOption {
    /** The JDK's providers live here: {@code sun.nio.ch.EPollSelectorProvider} on Linux. */
    private static final String JDK_PACKAGE = "sun.nio.ch.";

    private static final Optional<String> OPTION =
            optionFor(SelectorProvider.provider().getClass().getName());

    private SelectorProviderOption() {}

    /** {@return the option that names the host's provider to the child, if it is the JDK's own} */
    static Optional<String> forChild() {
        return OPTION;
    }

    /** {@return the option for a host whose provider is the class {@code providerClass}} */
    static Optional<String> optionFor(String providerClass) {
        return providerClass.startsWith(JDK_PACKAGE)
                ? Optional.of("-Djava.nio.channels.spi.SelectorProvider=" + providerClass)
                : Optional.empty();
    }
}
