package dev.isolate4j.internal.serialization;

import java.lang.ref.WeakReference;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A connection's one spare encoding buffer: lent to one encoding at a time, and given back once the
 * frame it went into is written (its bytes copied out). A host calling with 100,000 doubles
 * allocated a new 800 KB buffer per call; its young generation filled every 0.2 s and its heap
 * grew for seconds, and while it grew each call wrote into memory the kernel handed out for the
 * first time, at 3 ms a call against 0.5 (docs/benchmarks.md).
 *
 * <p>An encoding that finds the buffer lent allocates its own, as before; nothing is ever shared.
 * The buffer is held weakly: an idle child's periodic collection frees it, so it costs an idle
 * process nothing.
 */
final class EncodeBuffer {
    /** A larger buffer is not kept: its frames are rare, and it would hold the heap up. */
    static final int KEPT_UP_TO = 16 << 20;

    private final AtomicReference<WeakReference<ByteBuffer>> spare = new AtomicReference<>();
    /**
     * The reference last made, reused when the same buffer comes back: most calls give back the
     * buffer they borrowed, and a new reference for each would be an allocation on every call.
     */
    private volatile WeakReference<ByteBuffer> lastReference;

    /** {@return the spare buffer, cleared and now lent, or {@code null} when it is lent or gone} */
    ByteBuffer borrow() {
        WeakReference<ByteBuffer> reference = spare.getAndSet(null);
        ByteBuffer buffer = reference == null ? null : reference.get();
        return buffer == null ? null : buffer.clear().order(ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * Takes {@code buffer} as the spare, once nothing reads it any more.
     *
     * @param buffer a buffer that was lent, or one the encoding grew into; {@code null} for none
     */
    void giveBack(ByteBuffer buffer) {
        if (buffer != null && buffer.capacity() <= KEPT_UP_TO) {
            WeakReference<ByteBuffer> reference = lastReference;
            if (reference == null || reference.get() != buffer) {
                reference = new WeakReference<>(buffer);
                lastReference = reference;
            }
            spare.set(reference);
        }
    }
}
