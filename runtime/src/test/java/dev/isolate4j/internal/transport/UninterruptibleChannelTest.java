package dev.isolate4j.internal.transport;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.isolate4j.testing.InterruptStorm;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Reads and writes of an {@link UninterruptibleChannel} over real pipes, with threads interrupted. */
class UninterruptibleChannelTest {
    Pipe there;
    Pipe back;
    UninterruptibleChannel near;
    UninterruptibleChannel far;

    @BeforeEach
    void open() throws IOException {
        there = Pipe.open();
        back = Pipe.open();
        near = UninterruptibleChannel.of(back.source(), there.sink());
        far = UninterruptibleChannel.of(there.source(), back.sink());
    }

    @AfterEach
    void close() throws IOException {
        near.close();
        far.close();
    }

    @Test
    void aWriteInterruptedAgainAndAgainWhileItWaitsForRoomWritesEverything() throws Exception {
        byte[] bytes = new byte[8 << 20]; // far more than a pipe holds: the write waits for the reader
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) i;
        }
        CompletableFuture<ByteBuffer> received = CompletableFuture.supplyAsync(() -> readFully(far, bytes.length));
        InterruptStorm storm = InterruptStorm.on(Thread.currentThread());
        try {
            near.write(ByteBuffer.wrap(bytes));
        } finally {
            storm.close();
        }

        assertThat(received.get(30, TimeUnit.SECONDS).array()).isEqualTo(bytes);
        assertThat(near.isOpen()).isTrue();
        assertThat(there.sink().isOpen()).isTrue();
    }

    @Test
    void aReaderInterruptedWhileItWaitsGoesOnWaitingAndGetsTheBytes() throws Exception {
        CompletableFuture<Thread> reader = new CompletableFuture<>();
        CompletableFuture<Boolean> interruptedAfter = new CompletableFuture<>();
        CompletableFuture<ByteBuffer> received = CompletableFuture.supplyAsync(() -> {
            reader.complete(Thread.currentThread());
            ByteBuffer bytes = readFully(far, 3);
            interruptedAfter.complete(Thread.interrupted());
            return bytes;
        });
        Thread thread = reader.get(5, TimeUnit.SECONDS);
        for (int i = 0; i < 20; i++) {
            thread.interrupt();
            Thread.sleep(5);
        }
        assertThat(received.isDone()).isFalse();

        near.write(ByteBuffer.wrap(new byte[] {1, 2, 3}));

        assertThat(received.get(5, TimeUnit.SECONDS).array()).isEqualTo(new byte[] {1, 2, 3});
        assertThat(interruptedAfter.get(5, TimeUnit.SECONDS)).isTrue();
        assertThat(far.isOpen()).isTrue();
    }

    @Test
    void closingWakesAWaitingReaderWithAnIoException() throws Exception {
        CompletableFuture<ByteBuffer> received = CompletableFuture.supplyAsync(() -> readFully(far, 1));
        Thread.sleep(50);

        far.close();

        ExecutionException e = assertThrows(ExecutionException.class, () -> received.get(5, TimeUnit.SECONDS));
        assertThat(e).hasCauseThat().hasCauseThat().isInstanceOf(IOException.class);
        assertThat(there.source().isOpen()).isFalse();
    }

    @Test
    void aReadOfAClosedChannelFailsAndLeavesTheThreadInterrupted() throws Exception {
        near.write(ByteBuffer.wrap(new byte[] {1}));
        assertThat(far.read(ByteBuffer.allocate(10))).isEqualTo(1); // short: the next read waits first
        far.close();

        boolean interrupted;
        Thread.currentThread().interrupt();
        try {
            assertThrows(IOException.class, () -> far.read(ByteBuffer.allocate(10)));
        } finally {
            interrupted = Thread.interrupted();
        }

        assertThat(interrupted).isTrue();
    }

    @Test
    void thePeerSeesTheEndOfTheStreamOnceTheChannelIsClosed() throws Exception {
        near.close();

        assertThat(far.read(ByteBuffer.allocate(1))).isEqualTo(-1);
    }

    private static ByteBuffer readFully(UninterruptibleChannel channel, int size) {
        ByteBuffer buffer = ByteBuffer.allocate(size);
        try {
            while (buffer.hasRemaining()) {
                if (channel.read(buffer) < 0) {
                    throw new IOException("the stream ended after " + buffer.position() + " bytes");
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return buffer;
    }
}
