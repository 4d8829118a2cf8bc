package dev.isolate4j.it;

import dev.isolate4j.ExtensionConfig;
import dev.isolate4j.ExtensionManager;
import dev.isolate4j.ExtensionManagerConfig;
import dev.isolate4j.it.api.TestExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;

/**
 * A host whose application keeps every worker of the JDK's common pool busy (blocked, as tasks that
 * wait for I/O are) while it loads the fixture extension with one prestarted child. It prints what
 * it sees: {@code TOOK true} when the load took the waiting child, {@code REPLACED} once a new
 * child waits in its place (or {@code NOT-REPLACED} after 30 s), {@code STOPPED <ms>, alive false}
 * once the extension is stopped; then it closes its manager and prints {@code DONE}, all while the
 * pool stays busy.
 *
 * <p>Arguments: {@code <extension jar> <envRoot>}. Run with a common pool of two workers or more,
 * which {@code CompletableFuture}'s asynchronous methods then use.
 */
public final class BusyCommonPoolHost {
    static final String DONE = "DONE";
    private static final Duration WITHIN = Duration.ofSeconds(30);

    private BusyCommonPoolHost() {}

    public static void main(String[] args) throws Exception {
        Path envRoot = Path.of(args[1]);
        CountDownLatch release = new CountDownLatch(1);
        int workers = ForkJoinPool.getCommonPoolParallelism();
        CountDownLatch busy = new CountDownLatch(workers);
        for (int i = 0; i < workers; i++) {
            ForkJoinPool.commonPool().execute(() -> {
                busy.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        busy.await();
        System.out.println("BUSY " + workers);
        Path extensionJar = Path.of(args[0]);
        ExtensionManagerConfig config = ExtensionManagerConfig.builder()
                .envRootPath(envRoot)
                .prestartedChildren(
                        1,
                        ExtensionConfig.builder("template")
                                .modulePath(extensionJar)
                                .build())
                .build();
        try (ExtensionManager<TestExtension> manager = new ExtensionManager<>(TestExtension.class, config)) {
            long spare = awaitWaitingChild(-1);
            TestExtension extension = manager.loadExtension(
                    ExtensionConfig.builder("taker").modulePath(extensionJar).build());
            extension.echo("first call");
            System.out.println("TOOK " + (extension.pid() == spare));
            System.out.println(awaitWaitingChild(spare) > 0 ? "REPLACED" : "NOT-REPLACED");
            long stop = System.nanoTime();
            manager.stopExtension("taker");
            System.out.println("STOPPED " + (System.nanoTime() - stop) / 1_000_000 + " ms, alive "
                    + ProcessHandle.of(spare).map(ProcessHandle::isAlive).orElse(false));
        }
        // Closed while the pool is still busy: the runtime waits for nothing of the pool's.
        System.out.println(DONE);
        release.countDown();
    }

    /** The pid of a child that waits for its extension, other than {@code known}; -1 if none came. */
    private static long awaitWaitingChild(long known) throws InterruptedException {
        long deadline = System.nanoTime() + WITHIN.toNanos();
        while (System.nanoTime() < deadline) {
            for (long pid : Fixtures.waitingChildren()) {
                if (pid != known) {
                    return pid;
                }
            }
            Thread.sleep(50);
        }
        return -1;
    }
}
