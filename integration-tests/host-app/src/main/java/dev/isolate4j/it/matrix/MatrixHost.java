package dev.isolate4j.it.matrix;

import dev.isolate4j.ExtensionConfig;
import dev.isolate4j.ExtensionHandle;
import dev.isolate4j.ExtensionManager;
import dev.isolate4j.ExtensionManagerConfig;
import dev.isolate4j.ExtensionTerminatedException;
import dev.isolate4j.RestartPolicy;
import dev.isolate4j.it.api.Chatter;
import dev.isolate4j.it.api.TestExtension;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The host application of the host matrix: one scenario, in the default configuration, that every
 * packaging must live through. {@code HostMatrixTest} runs it as a class-path host, a shaded jar, a
 * Spring Boot executable jar and a module-path host, and reads what it prints.
 *
 * <p>Arguments: {@code <extension jar> <envRoot> <repository url>}. It loads the fixture extension
 * shared from a pool thread that is then retired, isolated from a thread that ends at once, and from
 * a virtual thread where the JDK has them; calls them after their loading threads are gone; crashes
 * the shared one and calls it again once restarted; stops one and closes the manager. Each step
 * prints one line; the last is {@code DONE}.
 */
public final class MatrixHost {
    private static final Duration AFTER_THREAD_ENDED = Duration.ofSeconds(1);

    private MatrixHost() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: MatrixHost <extension jar> <envRoot> <repository url>");
        }
        Path jar = Path.of(args[0]);
        List<Long> pids = new ArrayList<>();
        try (ExtensionManager<TestExtension> manager = new ExtensionManager<>(
                TestExtension.class,
                ExtensionManagerConfig.builder()
                        .envRootPath(Path.of(args[1]))
                        // Its own, so that the fixture API of this build is resolved, not one cached before.
                        .localRepository(Path.of(args[1]).resolve("local-repository"))
                        .stopTimeout(Duration.ofSeconds(5))
                        .build())) {
            TestExtension shared = fromRetiredPoolThread(() -> timed(
                    manager,
                    ExtensionConfig.builder("shared")
                            .modulePath(jar)
                            .restartPolicy(RestartPolicy.onCrash(1))
                            .build()));
            TestExtension isolated = fromEndedThread(() -> timed(
                    manager,
                    ExtensionConfig.builder("isolated")
                            .modulePath(jar)
                            .isolated(true)
                            .dependencies("dev.isolate4j.it:probe-api:1.0")
                            .repositories(List.of(args[2]))
                            .build()));
            TestExtension virtual = fromVirtualThread(() -> timed(
                    manager, ExtensionConfig.builder("virtual").modulePath(jar).build()));
            Thread.sleep(AFTER_THREAD_ENDED.toMillis());

            pids.add(report("SHARED", shared));
            pids.add(report("ISOLATED", isolated));
            if (virtual == null) {
                System.out.println("VIRTUAL none on JDK " + Runtime.version().feature());
            } else {
                pids.add(report("VIRTUAL", virtual));
            }
            pids.add(crashAndRestart(shared));

            ExtensionHandle.of(isolated).stop().join();
            System.out.println(
                    "STOPPED isolated alive=" + ExtensionHandle.of(isolated).isAlive());
        }
        StringBuilder line = new StringBuilder("PIDS");
        pids.forEach(pid -> line.append(' ').append(pid));
        System.out.println(line);
        System.out.println("DONE");
    }

    /** Loads {@code config} and prints {@code LOADED <name> <ms>}: the README's figures come from these. */
    private static TestExtension timed(ExtensionManager<TestExtension> manager, ExtensionConfig config) {
        long start = System.nanoTime();
        TestExtension extension = manager.loadExtension(config);
        System.out.println("LOADED " + config.name() + " " + (System.nanoTime() - start) / 1_000_000 + " ms");
        return extension;
    }

    /** Prints {@code <label> <pid> <sandboxed> <echo>} and returns the pid. */
    private static long report(String label, TestExtension extension) {
        long pid = extension.pid();
        System.out.println(label + " " + pid + " sandboxed=" + sandboxed(pid) + " " + extension.echo("answers"));
        return pid;
    }

    /** Halts the extension's JVM and calls it again once its restart thread has come and gone. */
    private static long crashAndRestart(TestExtension shared) throws InterruptedException {
        ExtensionHandle handle = ExtensionHandle.of(shared);
        long crashed = handle.pid();
        Chatter chatter = handle.createCaller(Chatter.class, "chatter");
        try {
            chatter.halt(3);
            throw new AssertionError("halt returned");
        } catch (ExtensionTerminatedException expected) {
            System.out.println("CRASHED " + crashed);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!handle.isAlive() || handle.pid() == crashed) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not restarted within 30 s");
            }
            Thread.sleep(20);
        }
        Thread.sleep(AFTER_THREAD_ENDED.toMillis());
        return report("RESTARTED", shared);
    }

    private static boolean sandboxed(long pid) {
        return ProcessHandle.of(pid)
                .flatMap(ProcessHandle::parent)
                .flatMap(parent -> parent.info().command())
                .map(command -> command.endsWith("bwrap"))
                .orElse(false);
    }

    private static <T> T fromRetiredPoolThread(Callable<T> load) throws Exception {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 50, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>());
        pool.allowCoreThreadTimeOut(true);
        try {
            T result = pool.submit(load).get();
            while (pool.getPoolSize() > 0) {
                Thread.sleep(10); // the worker that loaded it retires
            }
            return result;
        } finally {
            pool.shutdown();
        }
    }

    private static <T> T fromEndedThread(Callable<T> load) throws Exception {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Exception> failure = new AtomicReference<>();
        Thread thread = new Thread(() -> run(load, result, failure), "loads-and-ends");
        thread.start();
        thread.join();
        return outcome(result, failure);
    }

    /** Virtual threads exist from JDK 21; this host is compiled for 17, so it finds them reflectively. */
    private static <T> T fromVirtualThread(Callable<T> load) throws Exception {
        if (Runtime.version().feature() < 21) {
            return null;
        }
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Exception> failure = new AtomicReference<>();
        Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
        Method start = Class.forName("java.lang.Thread$Builder").getMethod("start", Runnable.class);
        Thread thread = (Thread) start.invoke(builder, (Runnable) () -> run(load, result, failure));
        thread.join();
        return outcome(result, failure);
    }

    private static <T> void run(Callable<T> load, AtomicReference<T> result, AtomicReference<Exception> failure) {
        try {
            result.set(load.call());
        } catch (Exception e) {
            failure.set(e);
        }
    }

    private static <T> T outcome(AtomicReference<T> result, AtomicReference<Exception> failure) throws Exception {
        if (failure.get() != null) {
            throw failure.get();
        }
        return result.get();
    }
}
