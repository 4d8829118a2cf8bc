package dev.isolate4j.internal.observability;

import dev.isolate4j.ExtensionMemory;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import jdk.jfr.FlightRecorder;

/**
 * Whether JFR runs in this JVM. Until it does, no event can be recorded, and creating the first
 * one would load JFR's machinery: about 100 ms on the project's machines, in the middle of an
 * extension's start or first call. So events are created only once JFR runs; it then stays on.
 */
public final class FlightRecording {
    /** The running extensions whose memory the periodic {@link MemoryEvent} reports. */
    private static final Set<MemorySource> MEMORY_SOURCES = ConcurrentHashMap.newKeySet();

    private static final AtomicBoolean MEMORY_EVENT_ADDED = new AtomicBoolean();

    /** An extension whose child's memory the periodic event reports. */
    public interface MemorySource {
        /** {@return the extension's name} */
        String name();

        /** {@return the child's process id} */
        long pid();

        /** {@return the child's memory now} */
        ExtensionMemory memory();
    }

    private FlightRecording() {}

    /**
     * Reports {@code source}'s memory in the periodic memory event until {@link
     * #removeMemorySource}.
     *
     * @param source a running extension
     */
    public static void addMemorySource(MemorySource source) {
        MEMORY_SOURCES.add(source);
        addMemoryEventOnceStarted();
    }

    /**
     * Stops reporting {@code source}'s memory.
     *
     * @param source an extension that stopped
     */
    public static void removeMemorySource(MemorySource source) {
        MEMORY_SOURCES.remove(source);
    }

    /**
     * Adds the periodic memory event to JFR once JFR runs: adding it earlier would load JFR's
     * machinery into a host that records nothing. Called where a recording is looked for anyway.
     */
    private static void addMemoryEventOnceStarted() {
        if (started() && MEMORY_EVENT_ADDED.compareAndSet(false, true)) {
            FlightRecorder.addPeriodicEvent(MemoryEvent.class, FlightRecording::emitMemoryEvents);
        }
    }

    private static void emitMemoryEvents() {
        for (MemorySource source : MEMORY_SOURCES) {
            ExtensionMemory memory = source.memory();
            if (!memory.known()) {
                continue; // not running now: nothing to report
            }
            MemoryEvent event = new MemoryEvent();
            event.extension = source.name();
            event.pid = source.pid();
            event.rss = memory.rssBytes();
            event.heapUsed = memory.heapUsedBytes();
            event.heapCommitted = memory.heapCommittedBytes();
            event.heapMax = memory.heapMaxBytes();
            event.commit();
        }
    }

    /** {@return whether a recording was ever started in this JVM, so that events may be wanted} */
    public static boolean started() {
        return FlightRecorder.isInitialized();
    }

    /** {@return a begun call event, or {@code null} while no recording was ever started} */
    public static CallEvent beginCall() {
        if (!started()) {
            return null;
        }
        addMemoryEventOnceStarted();
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
            addMemoryEventOnceStarted();
            LifecycleEvent.record(extension, change, pid);
        }
    }
}
