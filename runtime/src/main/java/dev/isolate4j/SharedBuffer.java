package dev.isolate4j;

import dev.isolate4j.internal.sharedmemory.AttachedMappings;
import dev.isolate4j.internal.sharedmemory.BufferAttacher;
import dev.isolate4j.internal.sharedmemory.SharedMemoryFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Off-heap memory shared between processes without copying: the counterpart of pyisolate's {@code
 * share_torch}. It is backed by a file in {@code /dev/shm} that every process maps; passed to or
 * returned from a remote method of an extension with {@code ExtensionConfig.sharedMemory(true)}, it
 * crosses as a small handle, so a gigabyte costs what a kilobyte does.
 *
 * <pre>{@code
 * try (SharedBuffer samples = SharedBuffer.allocate(1L << 30)) {   // 1 GiB
 *   for (long i = 0; i < samples.size() / Double.BYTES; i++) {
 *     samples.putDouble(i, Math.random());
 *   }
 *   double mean = analyzer.mean(samples.asReadOnly());      // the extension maps the same memory
 * }                                                        // close() removes the file
 * }</pre>
 *
 * <p><b>Ownership.</b> The process that allocated a buffer owns it: its {@link #close()} removes the
 * file (mappings that exist stay valid until they are garbage collected). Other processes get the
 * buffer as passed: writable, so that their writes are seen by all, or {@linkplain #asReadOnly()
 * read-only}, where writes throw {@link java.nio.ReadOnlyBufferException}. A buffer whose owner
 * dies is removed by the host: when a child ends, its buffers go with it; buffers of a host killed
 * with {@code kill -9} are removed by the next {@code ExtensionManager} created on the machine.
 *
 * <p><b>Without {@code sharedMemory(true)}</b> a {@code SharedBuffer} argument or result is refused
 * with an error naming the extension, rather than silently copied: a buffer exists to avoid the
 * copy, and a copy of a gigabyte would fail the call in a far less helpful way.
 *
 * <p>Element accessors take element indexes ({@code getInt(i)} reads bytes {@code 4i..4i+3}) in the
 * platform's byte order. Buffers larger than 2 GiB work: the file is mapped in chunks of 1 GiB, and
 * an element never straddles two chunks.
 */
public final class SharedBuffer implements AutoCloseable {
    static {
        BufferAttacher.install(SharedBuffer::attach);
    }

    private static final int CHUNK_SHIFT = 30;
    private static final long CHUNK_BYTES = 1L << CHUNK_SHIFT;

    private final Path file;
    private final long size;
    private final boolean readOnly;
    private final boolean owner;
    private final ByteBuffer[] chunks;

    private SharedBuffer(Path file, long size, boolean readOnly, boolean owner, ByteBuffer[] chunks) {
        this.file = file;
        this.size = size;
        this.readOnly = readOnly;
        this.owner = owner;
        this.chunks = chunks;
    }

    /**
     * Allocates {@code size} bytes of shared memory, zeroed, owned by this process.
     *
     * @param size the size in bytes
     * @return the new buffer; {@link #close()} removes its file
     * @throws IllegalArgumentException when {@code size} is not positive
     * @throws UncheckedIOException when {@code /dev/shm} cannot hold it
     */
    public static SharedBuffer allocate(long size) {
        if (size <= 0) {
            throw new IllegalArgumentException("size must be positive, was " + size);
        }
        Path file = SharedMemoryFiles.newFile();
        try (FileChannel channel = FileChannel.open(
                file, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            channel.truncate(size);
            channel.write(ByteBuffer.allocate(1), size - 1); // sets the length; tmpfs allocates on touch
            return new SharedBuffer(file, size, false, true, map(channel, size, FileChannel.MapMode.READ_WRITE));
        } catch (IOException e) {
            SharedMemoryFiles.deleteQuietly(file);
            throw new UncheckedIOException("cannot allocate a shared buffer of " + size + " bytes in " + file, e);
        }
    }

    /**
     * Maps a buffer that another process allocated: what the runtime does with a buffer passed in a
     * call, through {@link BufferAttacher}. Only isolate4j's own buffer files are accepted.
     *
     * @param file the buffer's file, as named by {@link #file()} in the process that allocated it
     * @param size the buffer's size in bytes
     * @param readOnly whether the mapping refuses writes
     * @return a buffer that maps the same memory; this process does not own it
     * @throws IllegalArgumentException when {@code file} is not a shared buffer file
     * @throws IOException when it cannot be mapped, or is smaller than {@code size}
     */
    static SharedBuffer attach(Path file, long size, boolean readOnly) throws IOException {
        if (!SharedMemoryFiles.isSharedBufferFile(file)) {
            throw new IllegalArgumentException(file + " is not a shared buffer file (isolate4j-<pid>-<n> in "
                    + SharedMemoryFiles.directory() + ")");
        }
        Object fileKey = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
        ByteBuffer[] mapped = AttachedMappings.find(file, fileKey, size, readOnly);
        if (mapped != null) {
            return new SharedBuffer(file, size, readOnly, false, mapped);
        }
        StandardOpenOption[] options = readOnly
                ? new StandardOpenOption[] {StandardOpenOption.READ}
                : new StandardOpenOption[] {StandardOpenOption.READ, StandardOpenOption.WRITE};
        try (FileChannel channel = FileChannel.open(file, options)) {
            if (channel.size() < size) {
                throw new IOException(file + " holds " + channel.size() + " bytes, not the " + size + " announced");
            }
            FileChannel.MapMode mode = readOnly ? FileChannel.MapMode.READ_ONLY : FileChannel.MapMode.READ_WRITE;
            mapped = map(channel, size, mode);
            AttachedMappings.remember(file, fileKey, size, readOnly, mapped);
            return new SharedBuffer(file, size, readOnly, false, mapped);
        }
    }

    private static ByteBuffer[] map(FileChannel channel, long size, FileChannel.MapMode mode) throws IOException {
        ByteBuffer[] chunks = new ByteBuffer[(int) ((size + CHUNK_BYTES - 1) >>> CHUNK_SHIFT)];
        for (int i = 0; i < chunks.length; i++) {
            long start = (long) i << CHUNK_SHIFT;
            chunks[i] = channel.map(mode, start, Math.min(CHUNK_BYTES, size - start))
                    .order(ByteOrder.nativeOrder());
        }
        return chunks;
    }

    /** {@return the size in bytes} */
    public long size() {
        return size;
    }

    /** {@return whether this view refuses writes} */
    public boolean isReadOnly() {
        return readOnly;
    }

    /** {@return a read-only view of the same memory} It crosses to other processes as read-only. */
    public SharedBuffer asReadOnly() {
        ByteBuffer[] views = new ByteBuffer[chunks.length];
        for (int i = 0; i < chunks.length; i++) {
            views[i] = chunks[i].asReadOnlyBuffer().order(ByteOrder.nativeOrder());
        }
        return new SharedBuffer(file, size, true, false, views);
    }

    /**
     * Reads the byte at {@code index}.
     *
     * @param index the byte's offset
     * @return the byte
     */
    public byte getByte(long index) {
        return chunk(index).get(offset(index));
    }

    /**
     * Writes the byte at {@code index}.
     *
     * @param index the byte's offset
     * @param value the byte to write
     */
    public void putByte(long index, byte value) {
        chunk(index).put(offset(index), value);
    }

    /**
     * Reads the int at element {@code index}, i.e. bytes {@code 4 * index} to {@code 4 * index + 3}.
     *
     * @param index the element index
     * @return the int
     */
    public int getInt(long index) {
        return chunk(index * Integer.BYTES).getInt(offset(index * Integer.BYTES));
    }

    /**
     * Writes the int at element {@code index}, i.e. bytes {@code 4 * index} to {@code 4 * index + 3}.
     *
     * @param index the element index
     * @param value the int to write
     */
    public void putInt(long index, int value) {
        chunk(index * Integer.BYTES).putInt(offset(index * Integer.BYTES), value);
    }

    /**
     * Reads the long at element {@code index}, i.e. bytes {@code 8 * index} to {@code 8 * index + 7}.
     *
     * @param index the element index
     * @return the long
     */
    public long getLong(long index) {
        return chunk(index * Long.BYTES).getLong(offset(index * Long.BYTES));
    }

    /**
     * Writes the long at element {@code index}, i.e. bytes {@code 8 * index} to {@code 8 * index + 7}.
     *
     * @param index the element index
     * @param value the long to write
     */
    public void putLong(long index, long value) {
        chunk(index * Long.BYTES).putLong(offset(index * Long.BYTES), value);
    }

    /**
     * Reads the float at element {@code index}, i.e. bytes {@code 4 * index} to {@code 4 * index + 3}.
     *
     * @param index the element index
     * @return the float
     */
    public float getFloat(long index) {
        return chunk(index * Float.BYTES).getFloat(offset(index * Float.BYTES));
    }

    /**
     * Writes the float at element {@code index}, i.e. bytes {@code 4 * index} to {@code 4 * index + 3}.
     *
     * @param index the element index
     * @param value the float to write
     */
    public void putFloat(long index, float value) {
        chunk(index * Float.BYTES).putFloat(offset(index * Float.BYTES), value);
    }

    /**
     * Reads the double at element {@code index}, i.e. bytes {@code 8 * index} to {@code 8 * index + 7}.
     *
     * @param index the element index
     * @return the double
     */
    public double getDouble(long index) {
        return chunk(index * Double.BYTES).getDouble(offset(index * Double.BYTES));
    }

    /**
     * Writes the double at element {@code index}, i.e. bytes {@code 8 * index} to {@code 8 * index + 7}.
     *
     * @param index the element index
     * @param value the double to write
     */
    public void putDouble(long index, double value) {
        chunk(index * Double.BYTES).putDouble(offset(index * Double.BYTES), value);
    }

    /**
     * A view of {@code length} bytes from byte {@code offset}, for bulk access with the JDK's buffer
     * methods. It must lie within one 1 GiB chunk.
     *
     * @param offset the first byte
     * @param length the number of bytes
     * @return a view in the platform's byte order; writes to it change the shared memory
     * @throws IndexOutOfBoundsException when the range leaves the buffer or crosses a chunk boundary
     */
    public ByteBuffer bytes(long offset, int length) {
        ByteBuffer chunk = chunk(offset);
        int start = offset(offset);
        if (length < 0 || start + (long) length > chunk.capacity()) {
            throw new IndexOutOfBoundsException("bytes " + offset + ".." + (offset + length) + " cross a 1 GiB chunk"
                    + " boundary or the end of this " + size + "-byte buffer; take smaller views");
        }
        return chunk.slice(start, length).order(ByteOrder.nativeOrder());
    }

    /**
     * {@code count} ints from element {@code index}, as a view; see {@link #bytes}.
     *
     * @param index the first element
     * @param count the number of elements
     * @return the view
     */
    public IntBuffer ints(long index, int count) {
        return bytes(index * Integer.BYTES, Math.multiplyExact(count, Integer.BYTES))
                .asIntBuffer();
    }

    /**
     * {@code count} longs from element {@code index}, as a view; see {@link #bytes}.
     *
     * @param index the first element
     * @param count the number of elements
     * @return the view
     */
    public LongBuffer longs(long index, int count) {
        return bytes(index * Long.BYTES, Math.multiplyExact(count, Long.BYTES)).asLongBuffer();
    }

    /**
     * {@code count} floats from element {@code index}, as a view; see {@link #bytes}.
     *
     * @param index the first element
     * @param count the number of elements
     * @return the view
     */
    public FloatBuffer floats(long index, int count) {
        return bytes(index * Float.BYTES, Math.multiplyExact(count, Float.BYTES))
                .asFloatBuffer();
    }

    /**
     * {@code count} doubles from element {@code index}, as a view; see {@link #bytes}.
     *
     * @param index the first element
     * @param count the number of elements
     * @return the view
     */
    public DoubleBuffer doubles(long index, int count) {
        return bytes(index * Double.BYTES, Math.multiplyExact(count, Double.BYTES))
                .asDoubleBuffer();
    }

    /** {@return the file that backs the buffer} */
    public Path file() {
        return file;
    }

    /** Removes the file when this process owns the buffer; a no-op for views and received buffers. */
    @Override
    public void close() {
        if (owner) {
            SharedMemoryFiles.deleteQuietly(file);
        }
    }

    @Override
    public String toString() {
        return "SharedBuffer[" + file.getFileName() + ", " + size + " bytes" + (readOnly ? ", read-only" : "") + "]";
    }

    private ByteBuffer chunk(long byteOffset) {
        if (byteOffset < 0 || byteOffset >= size) {
            throw new IndexOutOfBoundsException("byte " + byteOffset + " is outside this " + size + "-byte buffer");
        }
        return chunks[(int) (byteOffset >>> CHUNK_SHIFT)];
    }

    private static int offset(long byteOffset) {
        return (int) (byteOffset & (CHUNK_BYTES - 1));
    }
}
