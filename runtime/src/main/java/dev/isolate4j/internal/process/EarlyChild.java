package dev.isolate4j.internal.process;

import java.util.concurrent.atomic.AtomicReference;

/**
 * A child started for one launch before its environment was prepared, so that the JVM starts while
 * the resolver runs; that launch takes it, once, and a restart starts its own.
 */
final class EarlyChild {
    private final AtomicReference<PrestartedChild> child;

    EarlyChild(PrestartedChild child) {
        this.child = new AtomicReference<>(child);
    }

    /** {@return the child, the first time; {@code null} after} */
    PrestartedChild take() {
        return child.getAndSet(null);
    }

    /**
     * Ends the child unless it was taken (the launch failed, or never came), and waits until it is
     * gone: a load that fails throws only then. While its JVM starts, the child reads the
     * runtime's jars through the links under {@code envRootPath}; left running after its load
     * failed, it failed with "Could not find or load main class" once the caller closed the manager
     * and removed {@code envRootPath}.
     */
    void discard() {
        PrestartedChild left = take();
        if (left != null) {
            left.discard().exceptionally(e -> null).join();
        }
    }
}
