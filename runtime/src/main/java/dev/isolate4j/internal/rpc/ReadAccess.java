package dev.isolate4j.internal.rpc;

import dev.isolate4j.internal.framing.Frame;
import dev.isolate4j.internal.framing.FrameReader;
import dev.isolate4j.internal.framing.FrameType;
import dev.isolate4j.internal.transport.UninterruptibleChannel;
import java.io.IOException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongPredicate;

/**
 * Who reads the connection's {@link FrameReader} at a given moment: the reading thread, or a caller
 * that polls the socket for its own reply while the reading thread waits for bytes.
 *
 * <p>Why: a caller that waits for its future is woken by the reading thread, which the reply itself
 * has to wake first: two wake-ups on this side, where a raw socket's client pays one. A caller that
 * reads the socket itself sees its reply the moment it arrives, with none (measured on a machine
 * where spinning on the future did not beat the raw socket: see docs/benchmarks.md, "Where a small
 * call's time goes"). The reading thread is not displaced: it waits in the socket's selector as
 * before, and only a caller that finds it waiting there polls.
 *
 * <p>The states, one at a time:
 *
 * <ul>
 *   <li>{@code READING}: the reading thread owns the reader (reading a frame, running its work, or
 *       handing the reading to another thread, which inherits the state);
 *   <li>{@code WAITING}: the reading thread waits in {@link UninterruptibleChannel#awaitReadable()}
 *       with nothing buffered; a caller may take the reader;
 *   <li>{@code POLLING}: one caller owns the reader. It reads only whole frames that fit the
 *       reader's buffer, and of those only the RESULT and ERROR frames it may complete itself; it
 *       leaves any other frame buffered, and wakes the reading thread when it leaves bytes behind.
 * </ul>
 *
 * Every move is one compare-and-set, which also hands the reader's buffer between the threads
 * with a happens-before. The reading thread, woken while a caller polls, yields and waits again:
 * the selector is level-triggered, so bytes the caller leaves in the socket wake it again.
 */
final class ReadAccess {
    private static final int READING = 0;
    private static final int WAITING = 1;
    private static final int POLLING = 2;

    private final AtomicInteger state = new AtomicInteger(READING);
    private final FrameReader reader;
    private final UninterruptibleChannel channel;
    private final NextFramePoll nextFrame;

    ReadAccess(FrameReader reader, UninterruptibleChannel channel) {
        this(reader, channel, NextFramePoll.never());
    }

    ReadAccess(FrameReader reader, UninterruptibleChannel channel, NextFramePoll nextFrame) {
        this.reader = reader;
        this.channel = channel;
        this.nextFrame = nextFrame;
    }

    /**
     * Called by the reading thread at a frame boundary: returns once bytes are buffered, or the
     * stream ended (the next read says so); callers may poll meanwhile.
     */
    void awaitBytes() throws IOException {
        if (reader.hasBytes()) {
            return;
        }
        // After a full read more is most likely there (64 calls in flight): one system call, no select.
        if (!channel.likelyEmpty() && reader.readAvailable(channel::readNow) != 0) {
            return;
        }
        long since = System.nanoTime();
        if (nextFrame.shouldPoll() && pollForBytes(since + nextFrame.pollNanos())) {
            return;
        }
        state.set(WAITING);
        while (true) {
            channel.awaitReadable();
            if (!state.compareAndSet(WAITING, READING)) {
                Thread.yield(); // a caller polls, and reads what woke this thread
                continue;
            }
            if (reader.hasBytes() || reader.readAvailable(channel::readNow) != 0) {
                nextFrame.waited(System.nanoTime() - since);
                return; // bytes, or the end of the stream, which the next read reports
            }
            state.set(WAITING); // woken, but another caller took the bytes first
        }
    }

    /**
     * The reading thread polls the socket until {@code endNanos} ({@link NextFramePoll}); callers
     * meanwhile see it reading, and wait as they would while it works.
     *
     * @return whether bytes came, or the end of the stream
     */
    private boolean pollForBytes(long endNanos) throws IOException {
        do {
            if (reader.readAvailable(channel::readNow) != 0) {
                return true;
            }
            Thread.onSpinWait();
        } while (System.nanoTime() - endNanos < 0);
        return false;
    }

    /**
     * Polls the socket for {@code reply} until it is done or {@code endNanos}, completing the
     * frames it reads with {@code complete}, when the reading thread waits for bytes.
     *
     * @param mayComplete whether this caller may complete the call of that id itself
     * @param complete completes a RESULT or ERROR frame read here, on this thread
     * @return false when the reading thread was busy, so this caller did not poll
     */
    boolean poll(Future<?> reply, long endNanos, LongPredicate mayComplete, FrameHandler complete) {
        boolean polled = false;
        while (!reply.isDone() && System.nanoTime() - endNanos < 0) {
            if (!state.compareAndSet(WAITING, POLLING)) {
                return polled;
            }
            polled = true;
            Frame frame = null;
            boolean stop = false;
            try {
                frame = takeFrame(reply, endNanos, mayComplete);
                stop = frame == null;
            } catch (IOException e) {
                stop = true; // the reading thread meets the same failure and closes the connection
            } finally {
                release();
            }
            if (frame != null) {
                complete.handle(frame);
            }
            if (stop) {
                return true;
            }
        }
        return polled;
    }

    /**
     * Reads until a frame this caller may complete is whole; null when the reply came otherwise, the
     * time is up, or the next frame is for the reading thread.
     */
    private Frame takeFrame(Future<?> reply, long endNanos, LongPredicate mayComplete) throws IOException {
        while (!reply.isDone() && System.nanoTime() - endNanos < 0) {
            if (!reader.hasFrame()) {
                if (!reader.nextFrameFits() || reader.readAvailable(channel::readNow) < 0) {
                    return null; // for the reading thread: a large frame, or the end of the stream
                }
                if (!reader.hasFrame()) {
                    Thread.onSpinWait();
                    continue;
                }
            }
            FrameType type = reader.bufferedType();
            if ((type != FrameType.RESULT && type != FrameType.ERROR) || !mayComplete.test(reader.bufferedCallId())) {
                return null;
            }
            return reader.read();
        }
        return null;
    }

    /** For tests: whether the reading thread waits for bytes, and no caller polls. */
    boolean readingThreadWaits() {
        return state.get() == WAITING;
    }

    /** For tests: whether a caller polls. */
    boolean callerPolls() {
        return state.get() == POLLING;
    }

    private void release() {
        boolean leftBytes = reader.hasBytes();
        state.set(WAITING);
        if (leftBytes) {
            channel.wakeUpReader(); // they are out of the socket: its selector would not wake
        }
    }

    /** Completes a frame a polling caller read. */
    @FunctionalInterface
    interface FrameHandler {
        void handle(Frame frame);
    }
}
