package dev.isolate4j;

/**
 * Receives events that extensions emit with {@link ExtensionBase#emitEvent}. Handlers of one
 * extension's events run one at a time, in the order the extension emitted them, on a thread of
 * that extension's own.
 *
 * <pre>{@code
 * manager.addEventHandler("progress", (extension, payload) ->
 *     System.out.println(extension + " is at " + payload + "%"));
 * }</pre>
 */
@FunctionalInterface
public interface ExtensionEventHandler {
    /**
     * Handles one event.
     *
     * @param extensionName the name of the extension that emitted it
     * @param payload the event's payload, deserialized; {@code null} when it had none
     */
    void handle(String extensionName, Object payload);
}
