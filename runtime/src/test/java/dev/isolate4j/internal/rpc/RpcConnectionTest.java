package dev.isolate4j.internal.rpc;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.isolate4j.CallInfo;
import dev.isolate4j.CallInterceptor;
import dev.isolate4j.CallListener;
import dev.isolate4j.CallTimeoutException;
import dev.isolate4j.RemoteCallException;
import dev.isolate4j.RemoteMethodException;
import dev.isolate4j.testing.InterruptStorm;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two connections over a real Unix socket pair in one JVM: calls, errors, timeouts, peer death. */
class RpcConnectionTest {
    @TempDir
    Path tmp;

    RpcConnection server;
    RpcConnection client;
    Echo echo;
    final EchoImpl served = new EchoImpl();

    @BeforeEach
    void connect() throws IOException {
        Path socket = tmp.resolve("test.sock");
        try (ServerSocketChannel listener = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            listener.bind(UnixDomainSocketAddress.of(socket));
            SocketChannel clientChannel = SocketChannel.open(UnixDomainSocketAddress.of(socket));
            SocketChannel serverChannel = listener.accept();
            server = connection("server", serverChannel);
            client = connection("client", clientChannel);
        }
        server.localObjects().register("echo", LocalObject.of(RemoteInterfaces.of(Echo.class), served));
        server.serializer().register(RemoteInterfaces.of(Echo.class));
        server.start();
        client.start();
        echo = RemoteObjectTarget.proxy(client, "echo", RemoteInterfaces.of(Echo.class), Duration.ofSeconds(5));
    }

    @AfterEach
    void close() {
        client.close(new IllegalStateException("test over"));
        server.close(new IllegalStateException("test over"));
    }

    @Test
    void blockingAndAsyncCallsReturnResults() throws Exception {
        assertThat(echo.echo("hi")).isEqualTo("hi");
        assertThat(echo.later("soon", 10).get(5, TimeUnit.SECONDS)).isEqualTo("soon");
        assertThat(echo.mirror(new Echo.Point(1, 2))).isEqualTo(new Echo.Point(2, 1));
    }

    @Test
    void concurrentCallsEachGetTheirOwnResult() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                futures.add(threads.submit(() -> {
                    for (int i = 0; i < 500; i++) {
                        String text = thread + ":" + i;
                        assertThat(echo.echo(text)).isEqualTo(text);
                    }
                }));
            }
            for (Future<?> future : futures) {
                future.get(60, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aBurstOfCallsInFlightEachGetsItsReply() throws Exception {
        // The server reads them in bursts and corks the replies of each burst into one write.
        List<CompletableFuture<String>> futures = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            futures.add(CompletableFuture.supplyAsync(() -> null).thenCompose(x -> echo.later("", 0)));
        }
        List<String> blocking = new ArrayList<>();
        ExecutorService threads = Executors.newFixedThreadPool(16);
        try {
            List<Future<String>> calls = new ArrayList<>();
            for (int i = 0; i < 2_000; i++) {
                String text = "call " + i;
                calls.add(threads.submit(() -> echo.echo(text)));
            }
            for (Future<String> call : calls) {
                blocking.add(call.get(30, TimeUnit.SECONDS));
            }
        } finally {
            threads.shutdownNow();
        }
        for (CompletableFuture<String> future : futures) {
            assertThat(future.get(30, TimeUnit.SECONDS)).isEmpty();
        }
        for (int i = 0; i < 2_000; i++) {
            assertThat(blocking.get(i)).isEqualTo("call " + i);
        }
    }

    @Test
    void aBlockingCallerReadsItsOwnReplyWhileTheReadingThreadWaits() {
        // Without the caller polling the socket (ReadAccess), every reply is completed on the
        // connection's reading thread, woken by it: the wake-up polling removes from the call.
        AtomicInteger onTheCallersThread = new AtomicInteger();
        client.useInterceptors(List.of(new CallInterceptor() {
            @Override
            public CallListener beforeCall(CallInfo call, Map<String, String> metadata) {
                Thread caller = Thread.currentThread();
                return new CallListener() {
                    @Override
                    public void completed(Throwable failure) {
                        if (Thread.currentThread() == caller) {
                            onTheCallersThread.incrementAndGet();
                        }
                    }
                };
            }
        }));
        // Some, not all: a reply later than the caller's 50 µs spin (cold code, a busy machine) is
        // the reading thread's. Up to 20,000 calls, a few seconds, until ten were the caller's.
        int calls = 0;
        while (calls < 20_000 && onTheCallersThread.get() < 10) {
            String text = "call " + calls++;
            assertThat(echo.echo(text)).isEqualTo(text);
        }
        System.out.printf("%d of %d replies completed on the caller's thread%n", onTheCallersThread.get(), calls);
        assertThat(onTheCallersThread.get()).isGreaterThan(0);
    }

    @Test
    void aMethodThatBlocksDoesNotHoldUpTheConnectionsOtherCalls() throws Exception {
        // The reading thread serves the sleep itself, then hands the reading over when it blocks.
        ExecutorService caller = Executors.newSingleThreadExecutor();
        try {
            Future<?> sleeping = caller.submit(() -> {
                echo.sleep(3_000);
                return null;
            });
            assertThat(served.sleepStarted.await(5, TimeUnit.SECONDS)).isTrue();

            assertThat(echo.echo("meanwhile")).isEqualTo("meanwhile");
            assertThat(sleeping.isDone()).isFalse();
        } finally {
            caller.shutdownNow();
        }
    }

    @Test
    void aCallbackThatBlocksDoesNotHoldUpTheConnectionsOtherReplies() throws Exception {
        // An asynchronous call's callbacks run on the client's reading thread, which hands over.
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch callbackStarted = new CountDownLatch(1);
        // The reply comes later than the callback is attached, so the callback runs on the reader.
        CompletableFuture<Void> blocked = echo.later("first", 300).thenAccept(value -> {
            callbackStarted.countDown();
            awaitQuietly(release);
        });
        assertThat(callbackStarted.await(5, TimeUnit.SECONDS)).isTrue();

        assertThat(echo.echo("second")).isEqualTo("second");
        assertThat(blocked.isDone()).isFalse();
        release.countDown();
        blocked.get(5, TimeUnit.SECONDS);
    }

    @Test
    void aCallbackThatLeavesItsThreadInterruptedDoesNotCloseTheConnection() throws Exception {
        // It runs on the reading thread, whose next read would close the channel if interrupted.
        echo.later("first", 300)
                .thenRun(() -> Thread.currentThread().interrupt())
                .get(5, TimeUnit.SECONDS);

        assertThat(echo.echo("still open")).isEqualTo("still open");
        assertThat(client.isOpen()).isTrue();
    }

    /**
     * A caller whose thread is interrupted (a task of an executor being shut down, a cancelled
     * future's) fails at once, as the JDK's blocking methods do, and keeps its interrupt status.
     */
    @Test
    void aBlockingCallFromAnInterruptedThreadFailsAtOnceAndTheConnectionStaysOpen() throws Exception {
        RemoteCallException e;
        boolean stillInterrupted;
        Thread.currentThread().interrupt();
        try {
            e = assertThrows(RemoteCallException.class, () -> echo.echo("interrupted"));
        } finally {
            stillInterrupted = Thread.interrupted();
        }

        assertThat(e).hasMessageThat().contains("was not sent: the calling thread is interrupted");
        assertThat(stillInterrupted).isTrue();
        assertThat(client.isOpen()).isTrue();
        assertThat(echo.echo("still open")).isEqualTo("still open");
    }

    /**
     * An asynchronous call does not wait, so an interrupted thread may make one: its frame is written
     * on that thread, and an interrupted write to the channel would close it for every caller.
     */
    @Test
    void anAsynchronousCallFromAnInterruptedThreadIsSentAndTheConnectionStaysOpen() throws Exception {
        CompletableFuture<String> reply;
        boolean stillInterrupted;
        Thread.currentThread().interrupt();
        try {
            reply = echo.later("sent anyway", 0);
        } finally {
            stillInterrupted = Thread.interrupted();
        }

        assertThat(reply.get(5, TimeUnit.SECONDS)).isEqualTo("sent anyway");
        assertThat(stillInterrupted).isTrue();
        assertThat(client.isOpen()).isTrue();
        assertThat(echo.echo("still open")).isEqualTo("still open");
    }

    /**
     * Frames are written on the callers' threads, and a thread interrupted in the middle of a write
     * to a blocking channel closes it for every caller. Here the caller is interrupted without pause
     * while it sends more than the socket holds, so that its writes wait for the peer again and
     * again: every call goes through, and the connection stays open.
     */
    @Test
    void aCallerInterruptedWhileItsWritesWaitForThePeerLeavesTheConnectionOpen() throws Exception {
        String large = "x".repeat(900_000);
        List<CompletableFuture<String>> replies = new ArrayList<>();
        InterruptStorm storm = InterruptStorm.on(Thread.currentThread());
        try {
            for (int i = 0; i < 40; i++) {
                replies.add(echo.later(large, 0));
            }
        } finally {
            storm.close();
        }

        for (CompletableFuture<String> reply : replies) {
            assertThat(reply.get(30, TimeUnit.SECONDS)).hasLength(large.length());
        }
        assertThat(client.isOpen()).isTrue();
        assertThat(echo.echo("still open")).isEqualTo("still open");
    }

    @Test
    void aCallbackMayCallTheSamePeerAndWaitForTheReply() throws Exception {
        // Its reply can only be read once the callback's thread has handed the reading over.
        CompletableFuture<String> chained = echo.later("a", 300).thenApply(value -> echo.echo(value + "b"));

        assertThat(chained.get(5, TimeUnit.SECONDS)).isEqualTo("ab");
    }

    @Test
    void unknownObjectFailsTheCallWithTheRegisteredIds() {
        Echo missing =
                RemoteObjectTarget.proxy(client, "nobody", RemoteInterfaces.of(Echo.class), Duration.ofSeconds(5));

        RemoteMethodException e = assertThrows(RemoteMethodException.class, () -> missing.echo("x"));

        assertThat(e).hasMessageThat().contains("no object with id 'nobody'");
        assertThat(e).hasMessageThat().contains("[echo]");
        assertThat(echo.echo("still fine")).isEqualTo("still fine");
    }

    @Test
    void unknownMethodIdFailsTheCall() {
        RemoteObjectTarget target =
                new RemoteObjectTarget(client, "echo", RemoteInterfaces.of(Echo.class), Duration.ofSeconds(5));

        RemoteMethodException e = assertThrows(RemoteMethodException.class, () -> target.call(17, new Object[0]));

        assertThat(e.remoteClassName()).isEqualTo("dev.isolate4j.spi.UnknownMethodException");
        assertThat(e).hasMessageThat().contains("no remote method with id 17");
    }

    @Test
    void callerBuiltFromAnotherVersionOfTheInterfaceGetsAnErrorNamingInterfaceAndMethods() {
        EchoV2 newer =
                RemoteObjectTarget.proxy(client, "echo", RemoteInterfaces.of(EchoV2.class), Duration.ofSeconds(5));

        RemoteCallException e = assertThrows(RemoteCallException.class, () -> newer.echo("x", 2));

        assertThat(e)
                .hasMessageThat()
                .isEqualTo("call to echo(java.lang.String,int)java.lang.String of dev.isolate4j.internal.rpc.EchoV2"
                        + " failed: dev.isolate4j.internal.rpc.Echo differs between the caller and server; rebuild both"
                        + " sides against the same version of the interface: method 0: the caller has"
                        + " echo(java.lang.String,int)java.lang.String, the callee has"
                        + " echo(java.lang.String)java.lang.String; method 1: the caller has (none), the callee has"
                        + " later(java.lang.String,long)java.util.concurrent.CompletableFuture; method 2: the caller"
                        + " has (none), the callee has sleep(long)void; method 3: the caller has (none), the callee has"
                        + " mirror(dev.isolate4j.internal.rpc.Echo.Point)dev.isolate4j.internal.rpc.Echo.Point");
        assertThat(echo.echo("unaffected")).isEqualTo("unaffected");
    }

    @Test
    void callbackArgumentCrossesAsAReferenceAndIsReleasedWhenTheProxyIsCollected() throws Exception {
        // Echo has no callee parameter: the reference crosses through the two sides' tables, the
        // RELEASE through the socket, sent by the Cleaner once the server's proxy is unreachable.
        RemoteReferences exporter = client.references();
        RemoteRef ref = (RemoteRef) exporter.outgoing(Echo.class, new EchoImpl(), false);
        assertThat(exporter.exportCount()).isEqualTo(1);
        Echo imported = (Echo) server.references().incoming(Echo.class, ref);
        assertThat(imported.echo("through the reference")).isEqualTo("through the reference");

        imported = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (exporter.exportCount() > 0 && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(20);
        }

        assertThat(exporter.exportCount()).isEqualTo(0);
        assertThat(client.localObjects().find(ref.objectId())).isEmpty();
    }

    @Test
    void blockingCallTimesOutAndTheLateReplyIsDropped() throws Exception {
        Echo impatient =
                RemoteObjectTarget.proxy(client, "echo", RemoteInterfaces.of(Echo.class), Duration.ofMillis(100));

        CallTimeoutException e = assertThrows(CallTimeoutException.class, () -> impatient.sleep(500));

        assertThat(e).hasMessageThat().contains("Echo.sleep()");
        assertThat(e).hasMessageThat().contains("100 ms");
        // The late reply arrives 400 ms later, for a call nobody waits for: it is dropped, and the
        // calls after it get their own replies, not that one.
        Thread.sleep(600);
        assertThat(client.isOpen()).isTrue();
        assertThat(echo.echo("after")).isEqualTo("after");
        assertThat(echo.later("later still", 1).get(5, TimeUnit.SECONDS)).isEqualTo("later still");
    }

    @Test
    void anAsynchronousCallTimesOutWhileAnotherWithALaterDeadlineIsPending() throws Exception {
        // The timeouts' thread sleeps until the earliest deadline it knows: an earlier one wakes it.
        CompletableFuture<String> patient = echo.later("patient", 3_000);
        Echo impatient =
                RemoteObjectTarget.proxy(client, "echo", RemoteInterfaces.of(Echo.class), Duration.ofMillis(100));

        CompletableFuture<String> hurried = impatient.later("hurried", 3_000);

        ExecutionException e = assertThrows(ExecutionException.class, () -> hurried.get(2, TimeUnit.SECONDS));
        assertThat(e).hasCauseThat().isInstanceOf(CallTimeoutException.class);
        assertThat(patient.isDone()).isFalse();
        assertThat(patient.get(5, TimeUnit.SECONDS)).isEqualTo("patient");
    }

    @Test
    void anAsynchronousCallsFutureAwaitedGivesItsResultAndItsStagesArePlainFutures() throws Exception {
        CompletableFuture<String> future = echo.later("awaited", 1);
        CompletableFuture<String> stage = future.thenApply(value -> value + "!");

        assertThat(future.join()).isEqualTo("awaited");
        assertThat(echo.later("got", 1).get()).isEqualTo("got");
        assertThat(echo.later("got in time", 1).get(5, TimeUnit.SECONDS)).isEqualTo("got in time");
        assertThat(stage.getClass()).isEqualTo(CompletableFuture.class);
        assertThat(stage.get(5, TimeUnit.SECONDS)).isEqualTo("awaited!");
    }

    @Test
    void aCallbackMayAwaitAnotherAsynchronousCallOfTheSamePeer() throws Exception {
        // The callback runs on the reading thread; awaiting hands the reading over first.
        CompletableFuture<String> chained = echo.later("a", 300)
                .thenApply(value -> echo.later(value + "b", 1).join());

        assertThat(chained.get(5, TimeUnit.SECONDS)).isEqualTo("ab");
    }

    @Test
    void unserializableArgumentFailsOnlyThatCall() {
        RemoteObjectTarget target =
                new RemoteObjectTarget(client, "echo", RemoteInterfaces.of(Echo.class), Duration.ofSeconds(5));

        RemoteCallException e =
                assertThrows(RemoteCallException.class, () -> target.call(0, new Object[] {new Thread()}));

        assertThat(e).hasMessageThat().contains("cannot serialize the arguments of Echo.echo()");
        assertThat(echo.echo("ok")).isEqualTo("ok");
    }

    @Test
    void peerDeathFailsPendingAndLaterCalls() throws Exception {
        CompletableFuture<String> pending = echo.later("never", 60_000);

        server.close(new IllegalStateException("server gone"));

        ExecutionException e = assertThrows(ExecutionException.class, () -> pending.get(5, TimeUnit.SECONDS));
        assertThat(e).hasCauseThat().hasMessageThat().isEqualTo("peer of client gone");
        RuntimeException later = assertThrows(RuntimeException.class, () -> echo.echo("x"));
        assertThat(later).hasMessageThat().isEqualTo("peer of client gone");
        assertThat(client.isOpen()).isFalse();
    }

    private static RpcConnection connection(String name, SocketChannel channel) throws IOException {
        return TestConnections.over(name, channel, new ConnectionSettings(1 << 20, Duration.ofSeconds(5)));
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
