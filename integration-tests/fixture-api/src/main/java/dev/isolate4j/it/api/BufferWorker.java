package dev.isolate4j.it.api;

import dev.isolate4j.SharedBuffer;
import dev.isolate4j.annotations.Callee;

/** Works on shared buffers in the extension; registered by the fixture as callee "buffers". */
@Callee
public interface BufferWorker {
    /** The sum of the buffer's bytes, read one long at a time: touches every page. */
    long sum(SharedBuffer buffer);

    /**
     * {@link #sum}, keeping the buffer, and so its mapping, until the extension stops: a buffer the
     * extension drops is unmapped once its collector runs, which an idle child's periodic
     * collection does within seconds.
     */
    long sumAndKeep(SharedBuffer buffer);

    long longAt(SharedBuffer buffer, long index);

    /** Writes {@code value} into every byte. */
    void fill(SharedBuffer buffer, byte value);

    /** Tries to write the first byte; returns "written" or the exception's class name. */
    String tryWrite(SharedBuffer buffer);

    /** A buffer the extension owns, filled with {@code value}. */
    SharedBuffer allocate(long size, byte value);
}
