package dev.isolate4j.internal.serialization;

import java.util.Optional;
import org.apache.fory.Fory;

/**
 * Whether Fory can read and write values in this JVM, checked where its answer cannot be changed
 * later: a host's command line is its own.
 *
 * <p>On JDK 25 and later, Fory takes a trusted lookup from {@code java.lang.invoke} to reach strings'
 * internals. In the unnamed module (a class-path host) it falls back to {@code sun.misc.Unsafe}, with
 * the JDK's warning; in a named module (a module-path host) it has no fallback, since its module does
 * not read {@code jdk.unsupported}: the first Fory it builds fails in a static initializer, and so
 * does every one after it, the host's calls with it. So a manager made in such a JVM says at once
 * what the host's command line needs.
 */
public final class ForyModuleCheck {
    private ForyModuleCheck() {}

    /**
     * Fails when this JVM would not let Fory run.
     *
     * @throws IllegalStateException naming the option the host's command line needs
     */
    public static void requireUsable() {
        missingOpening(Runtime.version(), Fory.class.getModule()).ifPresent(problem -> {
            throw new IllegalStateException(problem);
        });
    }

    /**
     * {@return what keeps Fory, in module {@code fory}, from running on a JDK of {@code version};
     * empty when nothing does}
     */
    static Optional<String> missingOpening(Runtime.Version version, Module fory) {
        if (version.feature() < 25
                || !fory.isNamed()
                || Object.class.getModule().isOpen("java.lang.invoke", fory)) {
            return Optional.empty();
        }
        String option = "--add-opens=java.base/java.lang.invoke=" + fory.getName();
        return Optional.of("isolate4j cannot pass values through Fory in this JVM: on JDK " + version.feature()
                + ", Fory's module " + fory.getName() + " needs java.base's package java.lang.invoke opened to it;"
                + " start the host with " + option + " (for example: java " + option + " -m <your module>)");
    }
}
