package dev.isolate4j.it;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.isolate4j.CallTimeoutException;
import dev.isolate4j.ExtensionHandle;
import dev.isolate4j.ExtensionManager;
import dev.isolate4j.Remote;
import dev.isolate4j.RemoteMethodException;
import dev.isolate4j.it.api.Bouncer;
import dev.isolate4j.it.api.Chatter;
import dev.isolate4j.it.api.HostCounter;
import dev.isolate4j.it.api.HostService;
import dev.isolate4j.it.api.ProgressListener;
import dev.isolate4j.it.api.TestExtension;
import java.io.FileNotFoundException;
import java.lang.ref.WeakReference;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The RPC contract against a real child JVM: concurrency, both directions, re-entrancy, references, errors. */
class RpcTest {
    @TempDir
    static Path envRoot;

    static ExtensionManager<TestExtension> manager;
    static TestExtension extension;
    static Chatter chatter;

    @BeforeAll
    static void load() {
        HostSingletons.register();
        manager = Fixtures.manager(envRoot);
        manager.registerCallee(
                new HostService() {
                    @Override
                    public long twice(long value) {
                        return 2 * value;
                    }

                    @Override
                    public long hostPid() {
                        return ProcessHandle.current().pid();
                    }
                },
                "host-service");
        extension = manager.loadExtension(
                Fixtures.config("rpc").apis(HostCounter.class, Bouncer.class).build());
        chatter = ExtensionHandle.of(extension).createCaller(Chatter.class, "chatter");
        HostSingletons.bounceTarget = chatter;
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    /**
     * A host caller interrupted at any moment (an executor shut down, a future cancelled) must not
     * end the connection every caller of the child shares. The caller here is interrupted without
     * pause while it sends 36 MB, more than the socket holds, so its writes wait for the child again
     * and again; before the socket was non-blocking, an interrupt during one of those waits closed it.
     */
    @Test
    void aCallerInterruptedWithoutPauseWhileItSendsLeavesTheChildsConnectionOpen() throws Exception {
        String large = "x".repeat(900_000);
        Thread caller = Thread.currentThread();
        AtomicBoolean sent = new AtomicBoolean();
        Thread interrupter = new Thread(() -> {
            while (!sent.get()) {
                caller.interrupt();
                Thread.onSpinWait();
            }
        });
        List<CompletableFuture<String>> replies = new ArrayList<>();
        interrupter.start();
        try {
            for (int i = 0; i < 40; i++) {
                replies.add(extension.echoLater(large, 0).toCompletableFuture());
            }
        } finally {
            sent.set(true);
            while (interrupter.isAlive()) {
                Thread.interrupted(); // joining with the status set would throw
            }
            Thread.interrupted();
        }

        for (CompletableFuture<String> reply : replies) {
            assertThat(reply.get(30, TimeUnit.SECONDS)).hasLength(large.length());
        }
        assertThat(extension.echo("still open")).isEqualTo("still open");
    }

    @Test
    void eightThreadsMakeTenThousandCallsEachAndEveryResultReachesItsCaller() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> runs = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                long base = t * 1_000_000_000L;
                runs.add(threads.submit(() -> {
                    int checked = 0;
                    for (int i = 0; i < 10_000; i++) {
                        assertThat(chatter.add(base, i)).isEqualTo(base + i);
                        checked++;
                    }
                    return checked;
                }));
            }
            int total = 0;
            for (Future<Integer> run : runs) {
                total += run.get(5, TimeUnit.MINUTES);
            }
            assertThat(total).isEqualTo(80_000);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void extensionCallsACalleeTheHostRegistered() {
        assertThat(chatter.callHostService("host-service", 21)).isEqualTo(42);
    }

    @Test
    void unknownHostCalleeIsReportedWithTheRegisteredIds() {
        RemoteMethodException e = assertThrows(RemoteMethodException.class, () -> chatter.callHostService("nobody", 1));

        assertThat(e).hasMessageThat().contains("no object with id 'nobody'");
        assertThat(e).hasMessageThat().contains("host-service");
    }

    @Test
    void blockingReentrantChainTwentyDeepDoesNotDeadlock() {
        assertThat(chatter.bounce(20)).isEqualTo(20);
    }

    @Test
    void asyncReentrantChainTwentyDeepDoesNotDeadlock() throws Exception {
        assertThat(chatter.bounceAsync(20).get(60, TimeUnit.SECONDS)).isEqualTo(20);
    }

    @Test
    void hostListenerReceivesProgressDuringTheCallAndIsReleasedAfterwards() throws Exception {
        List<Integer> steps = new CopyOnWriteArrayList<>();
        ProgressListener listener = steps::add;
        WeakReference<ProgressListener> released = new WeakReference<>(listener);

        String result = chatter.work(5, listener);

        assertThat(result).isEqualTo("worked 5 steps");
        assertThat(steps).containsExactly(1, 2, 3, 4, 5).inOrder();
        listener = null;
        Await.until("the host's listener is released", Duration.ofSeconds(20), () -> {
            chatter.collectGarbage();
            System.gc();
            return released.get() == null;
        });
    }

    @Test
    void eventsReachHostHandlersInOrderWithTheExtensionsName() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        manager.addEventHandler("tick", (name, payload) -> seen.add(name + "/" + payload));

        chatter.emit("tick", "p", 5);

        Await.until("five events arrived", Duration.ofSeconds(10), () -> seen.size() == 5);
        assertThat(seen)
                .containsExactly("rpc/p:0", "rpc/p:1", "rpc/p:2", "rpc/p:3", "rpc/p:4")
                .inOrder();
    }

    @Test
    void declaredCheckedExceptionIsRethrownAsItself() {
        FileNotFoundException e = assertThrows(FileNotFoundException.class, () -> chatter.throwChecked("no such file"));

        assertThat(e).hasMessageThat().isEqualTo("no such file");
        List<String> classes = Arrays.stream(e.getStackTrace())
                .map(StackTraceElement::getClassName)
                .toList();
        assertThat(classes).contains("dev.isolate4j.it.extension.FixtureChatter");
        assertThat(classes).contains(RpcTest.class.getName());
    }

    @Test
    void causeChainCrossesWithClassNamesAndMessages() {
        RemoteMethodException e = assertThrows(RemoteMethodException.class, chatter::throwWithCause);

        assertThat(e.remoteClassName()).isEqualTo("java.lang.IllegalStateException");
        assertThat(e.remoteMessage()).isEqualTo("outer");
        assertThat(e).hasCauseThat().isInstanceOf(RemoteMethodException.class);
        RemoteMethodException cause = (RemoteMethodException) e.getCause();
        assertThat(cause.remoteClassName()).isEqualTo("java.lang.IllegalArgumentException");
        assertThat(cause.remoteMessage()).isEqualTo("inner");
    }

    @Test
    void blockingCallTimesOutWithThePerProxyTimeoutAndTheRemoteThreadIsInterrupted() throws Exception {
        Chatter impatient = Remote.withTimeout(chatter, Duration.ofMillis(1_000));

        CallTimeoutException e =
                assertThrows(CallTimeoutException.class, () -> impatient.blockUntilInterrupted("blocking"));

        assertThat(e).hasMessageThat().contains("1000 ms");
        Await.until(
                "the extension saw the interruption",
                Duration.ofSeconds(10),
                () -> chatter.observed().contains("interrupted:blocking"));
    }

    @Test
    void cancellingTheCallersFutureCancelsTheRemoteFuture() throws Exception {
        CompletableFuture<String> pending = chatter.waitForCancel("cancelled-by-caller");
        // A cancellation that arrives before the method started keeps it from starting at all;
        // this test wants to see running work cancelled.
        Await.until(
                "the remote method started",
                Duration.ofSeconds(10),
                () -> chatter.observed().contains("started:cancelled-by-caller"));

        pending.cancel(true);

        Await.until(
                "the extension saw the cancellation",
                Duration.ofSeconds(10),
                () -> chatter.observed().contains("cancelled:cancelled-by-caller"));
    }

    @Test
    void asyncCallTimesOutAndCancelsTheRemoteWork() throws Exception {
        CompletableFuture<String> pending =
                Remote.withTimeout(chatter, Duration.ofMillis(1_000)).waitForCancel("timed-out");

        ExecutionException e = assertThrows(ExecutionException.class, () -> pending.get(10, TimeUnit.SECONDS));

        assertThat(e).hasCauseThat().isInstanceOf(CallTimeoutException.class);
        Await.until(
                "the extension saw the cancellation",
                Duration.ofSeconds(10),
                () -> chatter.observed().contains("cancelled:timed-out"));
    }

    @Test
    void defaultTimeoutComesFromTheConfig(@TempDir Path otherRoot) {
        try (ExtensionManager<TestExtension> short_ = Fixtures.manager(otherRoot)) {
            TestExtension quick = short_.loadExtension(
                    Fixtures.config("quick").callTimeout(Duration.ofMillis(400)).build());
            Chatter quickChatter = ExtensionHandle.of(quick).createCaller(Chatter.class, "chatter");

            CallTimeoutException e = assertThrows(
                    CallTimeoutException.class, () -> quickChatter.blockUntilInterrupted("config-timeout"));

            assertThat(e).hasMessageThat().contains("400 ms");
        }
    }
}
