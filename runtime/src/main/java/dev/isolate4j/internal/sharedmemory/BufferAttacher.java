package dev.isolate4j.internal.sharedmemory;

import dev.isolate4j.SharedBuffer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * How this package maps a buffer another process allocated, without {@code SharedBuffer} offering
 * that to users: {@code SharedBuffer} hands its package-private {@code attach} over here when it
 * is initialized (the JDK's "shared secrets" pattern).
 */
public final class BufferAttacher {
    /** {@code SharedBuffer}'s package-private attach. */
    public interface Attach {
        /**
         * Maps the buffer.
         *
         * @param file the buffer's file
         * @param size its size in bytes
         * @param readOnly whether the mapping refuses writes
         * @return the buffer
         * @throws IOException when it cannot be mapped
         */
        SharedBuffer attach(Path file, long size, boolean readOnly) throws IOException;
    }

    private static volatile Attach attach;

    private BufferAttacher() {}

    /**
     * Called once, by {@code SharedBuffer}'s static initializer.
     *
     * @param implementation its attach
     */
    public static void install(Attach implementation) {
        attach = Objects.requireNonNull(implementation);
    }

    static SharedBuffer attach(Path file, long size, boolean readOnly) throws IOException {
        Attach current = attach;
        if (current == null) {
            // SharedBuffer is not initialized yet in this JVM: initializing it installs its attach.
            try {
                Class.forName(SharedBuffer.class.getName(), true, SharedBuffer.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("SharedBuffer is part of this runtime", e);
            }
            current = attach;
        }
        return current.attach(file, size, readOnly);
    }
}
