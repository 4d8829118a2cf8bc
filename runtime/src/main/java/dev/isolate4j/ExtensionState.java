package dev.isolate4j;

/**
 * Where an extension is in its life. Every extension starts {@link #STARTING} and ends {@link
 * #STOPPED}:
 *
 * <pre>
 * STARTING ──▶ RUNNING ◀──▶ RESTARTING
 *    │            │              │
 *    │            ▼              ▼
 *    │         CRASHED ◀─────────┘   (the restart policy gave up)
 *    ▼            ▼
 * STOPPING ◀──────┘  (also from RUNNING and RESTARTING) ──▶ STOPPED
 * </pre>
 *
 * <pre>{@code
 * if (ExtensionHandle.of(greeter).state() == ExtensionState.CRASHED) {
 *     manager.stopExtension("greeter"); // frees the name for a new load
 * }
 * }</pre>
 */
public enum ExtensionState {
    /** Its environment is being prepared, or its JVM started, or its hooks run. */
    STARTING,
    /** Its JVM runs and answers calls. */
    RUNNING,
    /** Its JVM died and the restart policy is bringing it back; calls fail meanwhile. */
    RESTARTING,
    /** Its JVM died and the restart policy brought it back no more; calls fail until it is stopped. */
    CRASHED,
    /** It was asked to stop and its JVM is ending. */
    STOPPING,
    /** Its JVM has ended and its name is free again. */
    STOPPED
}
