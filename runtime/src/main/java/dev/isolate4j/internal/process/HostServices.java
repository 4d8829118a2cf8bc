package dev.isolate4j.internal.process;

import dev.isolate4j.internal.rpc.ObjectLookup;

/**
 * What the host offers every extension of a manager: the objects it exports (its callees, then
 * the singletons) and the sink for the events extensions emit.
 */
public record HostServices(ObjectLookup objects, EventSink events) {

    /** Receives one event, on the emitting extension's event thread. */
    @FunctionalInterface
    public interface EventSink {
        /**
         * Receives one event.
         *
         * @param extensionName the extension that emitted it
         * @param eventName the event's name
         * @param payload the event's payload, or {@code null}
         */
        void accept(String extensionName, String eventName, Object payload);
    }
}
