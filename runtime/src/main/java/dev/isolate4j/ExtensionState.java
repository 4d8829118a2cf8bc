package dev.isolate4j;

/**
 * Where an extension is in its life. Every extension starts {@link #STARTING} and ends {@link
 * #STOPPED}:
 *
 * <pre>
 *            ┌── IDLE ◀──┐   (idleTimeout, maxRunningChildren)
 *            ▼           │
 * STARTING ──▶ RUNNING ◀──▶ RESTARTING
 *    │            │              │
 *    │            ▼              ▼
 *    │         CRASHED ◀─────────┘   (the restart policy gave up)
 *    ▼            ▼
 * STOPPING ◀──────┘  (also from RUNNING, RESTARTING and IDLE) ──▶ STOPPED
 * </pre>
 *
 * <p>A call through the extension's proxies wakes an {@link #IDLE} extension: it is {@link
 * #STARTING} again, its hooks run again, and the call proceeds once it is {@link #RUNNING}.
 *
 * <pre>{@code
 * if (ExtensionHandle.of(greeter).state() == ExtensionState.CRASHED) {
 *     manager.stopExtension("greeter"); // frees the name for a new load
 * }
 * }</pre>
 */
public enum ExtensionState {
    /**
     * Its environment is being prepared, or its JVM started, or its hooks run: at its load, or
     * when a call woke it from {@link #IDLE}.
     */
    STARTING,
    /** Its JVM runs and answers calls. */
    RUNNING,
    /** Its JVM died and the restart policy is bringing it back; calls fail meanwhile. */
    RESTARTING,
    /** Its JVM died and the restart policy brought it back no more; calls fail until it is stopped. */
    CRASHED,
    /**
     * Its JVM was stopped to free its memory: it had no call in progress for its {@code
     * idleTimeout}, or the manager keeps within {@code maxRunningChildren}. The next call through
     * any of its proxies starts it again.
     */
    IDLE,
    /** It was asked to stop and its JVM is ending. */
    STOPPING,
    /** Its JVM has ended and its name is free again. */
    STOPPED
}
