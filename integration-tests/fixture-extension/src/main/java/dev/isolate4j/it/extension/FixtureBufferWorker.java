package dev.isolate4j.it.extension;

import dev.isolate4j.SharedBuffer;
import dev.isolate4j.it.api.BufferWorker;
import java.nio.LongBuffer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The fixture's BufferWorker. */
final class FixtureBufferWorker implements BufferWorker {
    private static final int CHUNK_LONGS = 1 << 20;

    /** Buffers this process allocated stay alive until it ends; the host removes them then. */
    private final List<SharedBuffer> owned = new CopyOnWriteArrayList<>();

    /** The host's buffers {@link #sumAndKeep} keeps mapped. */
    private final List<SharedBuffer> kept = new CopyOnWriteArrayList<>();

    @Override
    public long sumAndKeep(SharedBuffer buffer) {
        kept.add(buffer);
        return sum(buffer);
    }

    @Override
    public long sum(SharedBuffer buffer) {
        long longs = buffer.size() / Long.BYTES;
        long sum = 0;
        for (long start = 0; start < longs; start += CHUNK_LONGS) {
            LongBuffer view = buffer.longs(start, (int) Math.min(CHUNK_LONGS, longs - start));
            while (view.hasRemaining()) {
                long value = view.get();
                for (int shift = 0; shift < 64; shift += 8) {
                    sum += (value >>> shift) & 0xFF;
                }
            }
        }
        return sum;
    }

    @Override
    public long longAt(SharedBuffer buffer, long index) {
        return buffer.getLong(index);
    }

    @Override
    public void fill(SharedBuffer buffer, byte value) {
        for (long i = 0; i < buffer.size(); i++) {
            buffer.putByte(i, value);
        }
    }

    @Override
    public String tryWrite(SharedBuffer buffer) {
        try {
            buffer.putByte(0, (byte) 1);
            return "written";
        } catch (RuntimeException e) {
            return e.getClass().getName();
        }
    }

    @Override
    public SharedBuffer allocate(long size, byte value) {
        SharedBuffer buffer = SharedBuffer.allocate(size);
        fill(buffer, value);
        owned.add(buffer);
        return buffer;
    }
}
