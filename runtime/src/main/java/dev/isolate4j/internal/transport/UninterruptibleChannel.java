package dev.isolate4j.internal.transport;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.GatheringByteChannel;
import java.nio.channels.Pipe;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A connection's reads and writes, which no thread's interrupt can end.
 *
 * <p>Why: frames are written on the callers' own threads, and a thread interrupted while it reads or
 * writes a channel in blocking mode closes that channel (an {@code InterruptibleChannel}), ending the
 * connection for every caller. Any caller may be interrupted at any moment: a task of an executor
 * shut down with {@code shutdownNow}, a future cancelled with {@code cancel(true)}, a call the peer
 * cancelled while its method sent a callback or a stream item. So the channel is put in non-blocking
 * mode, where the JDK installs no interrupt hook, and a read that finds nothing or a write that finds
 * the send buffer full waits in a selector: an interrupt wakes that wait, which is taken up again.
 * The interrupt status is set aside while the thread waits and restored afterwards, for the thread's
 * own code to see.
 *
 * <p>Reads wait in one selector and writes in another, each used by one thread at a time: the
 * connection's reading thread, and the writer that holds {@code FrameWriter}'s lock.
 *
 * <pre>{@code
 * UninterruptibleChannel channel = UninterruptibleChannel.of(socket);
 * FrameReader reader = new FrameReader(channel, maxFrameBytes);
 * FrameWriter writer = new FrameWriter(channel);
 * }</pre>
 */
public final class UninterruptibleChannel implements ReadableByteChannel, GatheringByteChannel {
    private final ReadableByteChannel in;
    private final GatheringByteChannel out;
    private final Selector readable;
    private final Selector writable;
    private final AtomicBoolean open = new AtomicBoolean(true);
    /**
     * Whether the last read took less than it asked for, so that the socket is most likely empty: the
     * next read then waits for bytes first, rather than asking for them only to be told there are
     * none (one system call fewer per frame on a connection that is mostly waiting). Only the
     * reading thread uses it; the reading passes between threads with a happens-before.
     */
    private boolean drained;

    private UninterruptibleChannel(
            ReadableByteChannel in, SelectableChannel inChannel, GatheringByteChannel out, SelectableChannel outChannel)
            throws IOException {
        this.in = in;
        this.out = out;
        inChannel.configureBlocking(false);
        outChannel.configureBlocking(false);
        Selector reads = Selector.open();
        Selector writes = null;
        try {
            inChannel.register(reads, SelectionKey.OP_READ);
            writes = Selector.open();
            outChannel.register(writes, SelectionKey.OP_WRITE);
        } catch (IOException | RuntimeException e) {
            reads.close();
            if (writes != null) {
                writes.close();
            }
            throw e;
        }
        this.readable = reads;
        this.writable = writes;
    }

    /**
     * Reads and writes {@code socket}, which it puts in non-blocking mode.
     *
     * @param socket a connected socket, in blocking mode or not
     * @return the channel; closing it closes the socket
     * @throws IOException when the socket cannot be put in non-blocking mode, or a selector opened
     */
    public static UninterruptibleChannel of(SocketChannel socket) throws IOException {
        return new UninterruptibleChannel(socket, socket, socket, socket);
    }

    /**
     * Reads {@code in} and writes {@code out}, which it puts in non-blocking mode.
     *
     * @param in the pipe frames are read from
     * @param out the pipe frames are written to
     * @return the channel; closing it closes both pipes
     * @throws IOException when a pipe cannot be put in non-blocking mode, or a selector opened
     */
    public static UninterruptibleChannel of(Pipe.SourceChannel in, Pipe.SinkChannel out) throws IOException {
        return new UninterruptibleChannel(in, in, out, out);
    }

    /**
     * Reads at least one byte, waiting for it, unless the stream ended or {@code buffer} is full.
     *
     * @return the number of bytes read, or -1 at the end of the stream
     */
    @Override
    public int read(ByteBuffer buffer) throws IOException {
        int wanted = buffer.remaining();
        boolean interrupted = false;
        try {
            if (drained && wanted > 0) {
                interrupted = await(readable);
            }
            while (true) {
                int count = in.read(buffer);
                if (count != 0 || !buffer.hasRemaining()) {
                    drained = count > 0 && count < wanted;
                    return count;
                }
                interrupted |= await(readable);
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Reads what the socket has now, without waiting: for a caller that polls for its reply while
     * the reading thread waits in {@link #awaitReadable()}.
     *
     * @return the number of bytes read, 0 when there were none, -1 at the end of the stream
     */
    public int readNow(ByteBuffer buffer) throws IOException {
        int wanted = buffer.remaining();
        int count = in.read(buffer);
        drained = count >= 0 && count < wanted;
        return count;
    }

    /**
     * Whether the last read took less than it asked for, so that the socket is most likely empty
     * and a reader had better wait for bytes than ask for them first.
     *
     * @return true after a short read
     */
    public boolean likelyEmpty() {
        return drained;
    }

    /**
     * Waits until the socket has bytes to read, the stream ended, or {@link #wakeUpReader()} was
     * called; the interrupt status is kept, as in {@link #read}.
     */
    public void awaitReadable() throws IOException {
        if (await(readable)) {
            Thread.currentThread().interrupt();
        }
    }

    /** Ends the current or next {@link #awaitReadable()} (or read's wait) at once. */
    public void wakeUpReader() {
        readable.wakeup();
    }

    /**
     * Writes all of {@code buffer}, waiting for room as often as it takes.
     *
     * @return the number of bytes written
     */
    @Override
    public int write(ByteBuffer buffer) throws IOException {
        int total = 0;
        boolean interrupted = false;
        try {
            while (buffer.hasRemaining()) {
                int count = out.write(buffer);
                total += count;
                if (count == 0) {
                    interrupted |= await(writable);
                }
            }
            return total;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Writes all of the {@code length} buffers from {@code offset}, one after the other, waiting for
     * room as often as it takes.
     *
     * @return the number of bytes written
     */
    @Override
    public long write(ByteBuffer[] buffers, int offset, int length) throws IOException {
        long total = 0;
        for (int i = offset; i < offset + length; i++) {
            total += write(buffers[i]);
        }
        return total;
    }

    @Override
    public long write(ByteBuffer[] buffers) throws IOException {
        return write(buffers, 0, buffers.length);
    }

    @Override
    public boolean isOpen() {
        return open.get();
    }

    /**
     * Closes the channels, then the selectors: a thread waiting in one wakes, and its next read or
     * write fails with a {@link java.nio.channels.ClosedChannelException}. A registered channel's
     * socket is released once its selectors let go of it, at their close.
     */
    @Override
    public void close() throws IOException {
        if (!open.compareAndSet(true, false)) {
            return;
        }
        IOException failure = null;
        for (Closeable closeable : List.of(in, out, readable, writable)) {
            try {
                closeable.close();
            } catch (IOException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * Waits until {@code selector}'s one channel is ready, or something wakes the wait. Returns
     * whether the thread was interrupted, clearing its status: an interrupted thread's select returns
     * at once, so a status left set would make the caller spin.
     */
    private boolean await(Selector selector) throws IOException {
        boolean interrupted = Thread.interrupted();
        try {
            selector.select(key -> {});
        } catch (ClosedSelectorException e) {
            if (interrupted) {
                Thread.currentThread().interrupt(); // the caller's finally never learns of it
            }
            throw new AsynchronousCloseException();
        }
        return Thread.interrupted() || interrupted;
    }
}
