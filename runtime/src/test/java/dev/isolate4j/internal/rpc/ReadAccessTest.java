package dev.isolate4j.internal.rpc;

import static com.google.common.truth.Truth.assertThat;

import dev.isolate4j.internal.framing.Frame;
import dev.isolate4j.internal.framing.FrameReader;
import dev.isolate4j.internal.framing.FrameType;
import dev.isolate4j.internal.framing.FrameWriter;
import dev.isolate4j.internal.transport.UninterruptibleChannel;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongPredicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A caller that polls for its reply while the reading thread waits: it reads and completes the reply
 * itself, and leaves every other frame to the reading thread, which gets it at once.
 */
class ReadAccessTest {
    private static final long SECONDS = 1_000_000_000L;

    private UninterruptibleChannel ours;
    private FrameWriter peer;
    private FrameReader reader;
    private ReadAccess access;
    private final BlockingQueue<Frame> readByTheReadingThread = new LinkedBlockingQueue<>();

    @BeforeEach
    void connect() throws IOException {
        Pipe toUs = Pipe.open();
        Pipe fromUs = Pipe.open();
        ours = UninterruptibleChannel.of(toUs.source(), fromUs.sink());
        peer = new FrameWriter(UninterruptibleChannel.of(fromUs.source(), toUs.sink()));
        reader = new FrameReader(ours, 1 << 30);
        access = new ReadAccess(reader, ours);
        startReading(access, reader, readByTheReadingThread);
    }

    @AfterEach
    void close() throws IOException {
        ours.close();
    }

    /**
     * The side that serves calls, over pipes of its own: its channel, the peer's writer, its reading
     * thread's access (polling as {@code poll} says) and the frames that thread read.
     */
    private record ServingSide(
            UninterruptibleChannel channel, FrameWriter caller, ReadAccess access, BlockingQueue<Frame> served) {
        static ServingSide start(NextFramePoll poll) throws IOException {
            Pipe toThem = Pipe.open();
            Pipe fromThem = Pipe.open();
            UninterruptibleChannel channel = UninterruptibleChannel.of(fromThem.source(), toThem.sink());
            FrameWriter caller = new FrameWriter(UninterruptibleChannel.of(toThem.source(), fromThem.sink()));
            FrameReader reader = new FrameReader(channel, 1 << 30);
            ReadAccess access = new ReadAccess(reader, channel, poll);
            BlockingQueue<Frame> served = new LinkedBlockingQueue<>();
            startReading(access, reader, served);
            return new ServingSide(channel, caller, access, served);
        }
    }

    /** A reading thread: waits through {@code access}, then reads each frame into {@code read}. */
    private static void startReading(ReadAccess access, FrameReader reader, BlockingQueue<Frame> read) {
        Thread thread = new Thread(
                () -> {
                    try {
                        while (true) {
                            access.awaitBytes();
                            Frame frame = reader.read();
                            if (frame == null) {
                                return;
                            }
                            read.add(frame);
                        }
                    } catch (IOException e) {
                        // closed by the test
                    }
                },
                "reading thread");
        thread.setDaemon(true);
        thread.start();
    }

    @Test
    void aPollingCallerReadsAndCompletesItsOwnReply() throws Exception {
        CompletableFuture<String> reply = new CompletableFuture<>();
        AtomicReference<Thread> completedOn = new AtomicReference<>();
        Thread caller = pollInBackground(reply, id -> id == 7, frame -> {
            completedOn.set(Thread.currentThread());
            reply.complete("call " + frame.callId() + ", " + frame.body().remaining() + " bytes");
        });

        peer.write(FrameType.RESULT, 7, ByteBuffer.wrap(new byte[] {1, 2, 3}));

        assertThat(reply.get(10, TimeUnit.SECONDS)).isEqualTo("call 7, 3 bytes");
        assertThat(completedOn.get()).isSameInstanceAs(caller);
        caller.join();
        assertThat(readByTheReadingThread.poll(100, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void aFrameTheCallerMayNotCompleteGoesToTheReadingThreadAtOnce() throws Exception {
        CompletableFuture<String> reply = new CompletableFuture<>();
        Thread caller = pollInBackground(reply, id -> id == 7, frame -> reply.complete("done"));

        // An incoming call, then the caller's reply, in one write: the caller takes both from the
        // socket, and the reading thread's selector has nothing left to wake it.
        peer.writeCorked(FrameType.CALL, 3, null, ByteBuffer.wrap(new byte[] {9}));
        peer.write(FrameType.RESULT, 7, ByteBuffer.wrap(new byte[] {1}));

        Frame call = readByTheReadingThread.poll(10, TimeUnit.SECONDS);
        assertThat(call).isNotNull();
        assertThat(call.type()).isEqualTo(FrameType.CALL);
        Frame result = readByTheReadingThread.poll(10, TimeUnit.SECONDS);
        assertThat(result).isNotNull();
        assertThat(result.callId()).isEqualTo(7);
        caller.join();
        assertThat(reply.isDone()).isFalse(); // behind a frame for the reading thread, the reply was left too
    }

    @Test
    void aResultTheCallerMayNotCompleteIsLeftToTheReadingThread() throws Exception {
        CompletableFuture<String> reply = new CompletableFuture<>();
        Thread caller = pollInBackground(reply, id -> id == 7, frame -> reply.complete("wrong"));

        peer.write(FrameType.RESULT, 5, ByteBuffer.wrap(new byte[] {1}));

        Frame frame = readByTheReadingThread.poll(10, TimeUnit.SECONDS);
        assertThat(frame).isNotNull();
        assertThat(frame.callId()).isEqualTo(5);
        caller.join();
        assertThat(reply.isDone()).isFalse();
    }

    @Test
    void aFrameLargerThanTheReadersBufferIsLeftToTheReadingThread() throws Exception {
        CompletableFuture<String> reply = new CompletableFuture<>();
        Thread caller = pollInBackground(reply, id -> id == 7, frame -> reply.complete("polled"));
        byte[] large = new byte[4 << 20];
        large[large.length - 1] = 42;

        peer.write(FrameType.RESULT, 7, ByteBuffer.wrap(large));

        Frame frame = readByTheReadingThread.poll(10, TimeUnit.SECONDS);
        assertThat(frame).isNotNull();
        assertThat(frame.body().remaining()).isEqualTo(large.length);
        assertThat(frame.body().get(large.length - 1)).isEqualTo((byte) 42);
        caller.join();
        assertThat(reply.isDone()).isFalse();
    }

    @Test
    void aReadingThreadThatPollsForTheNextFrameWaitsInTheSelectorWhenNoneCameAndReadsWhatComesLater() throws Exception {
        NextFramePoll poll = NextFramePoll.whileFramesComeSoon();
        poll.waited(0); // as after a call that came at once: the next wait begins with a poll
        ServingSide side = ServingSide.start(poll);
        ReadAccess polling = side.access();
        BlockingQueue<Frame> served = side.served();
        FrameWriter caller = side.caller();
        try {
            // No frame comes: the poll ends, and the thread waits in the selector, costing nothing.
            long end = System.nanoTime() + 10 * SECONDS;
            while (!polling.readingThreadWaits() && System.nanoTime() < end) {
                Thread.sleep(1);
            }
            assertThat(polling.readingThreadWaits()).isTrue();

            caller.write(FrameType.CALL, 11, ByteBuffer.wrap(new byte[] {4, 2}));

            Frame frame = served.poll(10, TimeUnit.SECONDS);
            assertThat(frame).isNotNull();
            assertThat(frame.callId()).isEqualTo(11);
            assertThat(poll.shouldPoll()).isFalse(); // that wait was long: no poll before the next one
        } finally {
            side.channel().close();
        }
    }

    @Test
    void aReadingThreadThatPollsReadsAFrameThatComesMeanwhileWithoutWaitingInTheSelector() throws Exception {
        // A poll long enough for the test's frame to come during it.
        NextFramePoll poll = new NextFramePoll(true, 30 * SECONDS);
        poll.waited(0);
        ServingSide side = ServingSide.start(poll);
        ReadAccess polling = side.access();
        BlockingQueue<Frame> served = side.served();
        FrameWriter caller = side.caller();
        try {
            Thread.sleep(100); // the reading thread polls by now
            caller.write(FrameType.CALL, 12, ByteBuffer.wrap(new byte[] {1}));

            Frame frame = served.poll(10, TimeUnit.SECONDS);
            assertThat(frame).isNotNull();
            assertThat(frame.callId()).isEqualTo(12);
            // The wait was short, so it polls for the next frame too, rather than wait in the selector.
            Thread.sleep(200);
            assertThat(polling.readingThreadWaits()).isFalse();
            assertThat(poll.shouldPoll()).isTrue();
        } finally {
            side.channel().close();
        }
    }

    @Test
    void aCallerDoesNotPollWhileTheReadingThreadReads() throws Exception {
        ReadAccess busy = new ReadAccess(reader, ours); // its reading thread never waits

        boolean polled = busy.poll(new CompletableFuture<>(), System.nanoTime() + SECONDS, id -> true, frame -> {});

        assertThat(polled).isFalse();
    }

    /**
     * Starts a caller that polls for {@code reply} for up to a second, once the reading thread waits
     * for bytes; returns once it polls.
     */
    private Thread pollInBackground(
            CompletableFuture<String> reply, LongPredicate mayComplete, ReadAccess.FrameHandler complete)
            throws InterruptedException {
        long end = System.nanoTime() + 10 * SECONDS;
        while (!access.readingThreadWaits() && System.nanoTime() < end) {
            Thread.sleep(1);
        }
        Thread caller = new Thread(() -> access.poll(reply, System.nanoTime() + SECONDS, mayComplete, complete));
        caller.start();
        while (!access.callerPolls() && System.nanoTime() < end) {
            Thread.onSpinWait();
        }
        assertThat(access.callerPolls()).isTrue();
        return caller;
    }
}
