package dev.isolate4j.internal.observability;

import jdk.jfr.FlightRecorder;

/**
 * Whether JFR runs in this JVM. Until it does, no event can be recorded, and creating the first
 * one would load JFR's machinery: about 100 ms on the project's machines, in the middle of an
 * extension's start or first call. So events are created only once JFR runs; it then stays on.
 */
public final class FlightRecording {
    private FlightRecording() {}

    /** {@return whether a recording was ever started in this JVM, so that events may be wanted} */
    public static boolean started() {
        return FlightRecorder.isInitialized();
    }

    /** {@return a begun call event, or {@code null} while no recording was ever started} */
    public static CallEvent beginCall() {
        if (!started()) {
            return null;
        }
        CallEvent event = new CallEvent();
        event.begin();
        return event;
    }

    /**
     * Records an extension's change of life when a recording wants it.
     *
     * @param extension the extension's name
     * @param change start, stop, crash or restart
     * @param pid the extension's process id
     */
    public static void lifecycle(String extension, String change, long pid) {
        if (started()) {
            LifecycleEvent.record(extension, change, pid);
        }
    }
}
