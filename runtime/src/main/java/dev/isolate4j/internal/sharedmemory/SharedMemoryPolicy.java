package dev.isolate4j.internal.sharedmemory;

/** What a connection without shared memory says to a {@code SharedBuffer} it refuses. */
public final class SharedMemoryPolicy {
    private SharedMemoryPolicy() {}

    /**
     * The message for an extension loaded without shared memory.
     *
     * @param extensionName the extension's name
     * @return the message, saying how to enable shared memory
     */
    public static String disabledReason(String extensionName) {
        return "extension '" + extensionName + "' was loaded without ExtensionConfig.sharedMemory(true):"
                + " SharedBuffer arguments and results are refused; enable it to pass buffers by handle";
    }
}
