package dev.isolate4j.internal;

import java.lang.ref.WeakReference;
import java.nio.ByteBuffer;

/**
 * A direct buffer for large transfers, held only weakly between them: transfers that follow soon
 * reuse it, and a collection (an idle child runs one every few seconds) frees it, so that a
 * connection that once carried a large frame does not keep its buffer for good. Not thread-safe: its
 * user's lock guards it.
 *
 * <pre>{@code
 * SpareBuffer large = new SpareBuffer(1 << 20);
 * ByteBuffer buffer = large.take();   // cleared; the same one as last time, unless it was collected
 * }</pre>
 */
public final class SpareBuffer {
    private final int capacity;
    private WeakReference<ByteBuffer> spare;

    /**
     * A spare buffer of {@code capacity} bytes, allocated at the first {@link #take()}.
     *
     * @param capacity the buffer's size in bytes
     */
    public SpareBuffer(int capacity) {
        this.capacity = capacity;
    }

    /** {@return the buffer, cleared: the last one, or a new one once a collection freed it} */
    public ByteBuffer take() {
        ByteBuffer buffer = spare == null ? null : spare.get();
        if (buffer == null) {
            buffer = ByteBuffer.allocateDirect(capacity);
            spare = new WeakReference<>(buffer);
        }
        return buffer.clear();
    }
}
