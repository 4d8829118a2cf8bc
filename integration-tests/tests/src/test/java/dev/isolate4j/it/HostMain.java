package dev.isolate4j.it;

import dev.isolate4j.ExtensionConfig;
import dev.isolate4j.ExtensionHandle;
import dev.isolate4j.ExtensionManager;
import dev.isolate4j.ExtensionManagerConfig;
import dev.isolate4j.ProxiedSingletons;
import dev.isolate4j.SandboxConfig;
import dev.isolate4j.SandboxMode;
import dev.isolate4j.it.api.Chatter;
import dev.isolate4j.it.api.HostCounter;
import dev.isolate4j.it.api.TestExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A host application in a JVM of its own, started by the tests through {@link HostJvm}, so that
 * they can kill a whole host or read everything it logs.
 *
 * <p>Arguments: {@code <mode> <extension jar> <envRoot>}. Modes:
 *
 * <ul>
 *   <li>{@code hold}: loads the extension "held", prints {@code CHILD <pid>} and waits, until it is
 *       killed, or until its stdin ends (the test's JVM is gone), or a minute passed.
 *   <li>{@code hold-loading}: loads the extension "stuck" with the host's HostCounter, which the
 *       extension calls from its load hook, and which prints {@code CHILD <pid>} and never returns:
 *       the host waits in {@code loadExtension} until it is killed (or as {@code hold}).
 *   <li>{@code hold-deaf}: loads the extension "deaf", whose load hook sleeps through everything,
 *       even a closed connection; prints {@code CHILD <pid>} once the hook runs, and waits as {@code
 *       hold}. Only the end of the child's stdin can end that child.
 *   <li>{@code hold-sandboxed}: as {@code hold}, with the extension "boxed" in a required sandbox.
 *   <li>{@code flood}: has the extension "flooder" print 200 MB, prints {@code HEAP <before> <after>}
 *       (bytes of heap in use after GC) and exits.
 *   <li>{@code output}: loads the extension "talker", has it print to its stdout and stderr, stops
 *       it, prints {@code DONE} and exits.
 * </ul>
 */
public final class HostMain {
    static final String HOLD = "hold";
    static final String HOLD_LOADING = "hold-loading";
    static final String HOLD_DEAF = "hold-deaf";
    static final String HOLD_SANDBOXED = "hold-sandboxed";
    static final String FLOOD = "flood";
    static final String HEAP_PREFIX = "HEAP ";
    static final String OUTPUT = "output";
    static final String CHILD_PREFIX = "CHILD ";
    static final String DONE = "DONE";
    private static final Duration LONGEST_HOLD = Duration.ofSeconds(60);

    private HostMain() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            throw new IllegalArgumentException(
                    "usage: HostMain hold|hold-loading|hold-deaf|hold-sandboxed|flood|output <extension jar> <envRoot>");
        }
        String mode = args[0];
        Path jar = Path.of(args[1]);
        Path envRoot = Path.of(args[2]);
        ExtensionManager<TestExtension> manager = new ExtensionManager<>(
                TestExtension.class,
                ExtensionManagerConfig.builder()
                        .envRootPath(envRoot)
                        .stopTimeout(Duration.ofSeconds(5))
                        .build());
        switch (mode) {
            case HOLD -> hold(manager, jar);
            case HOLD_LOADING -> holdLoading(manager, jar);
            case HOLD_SANDBOXED -> holdSandboxed(manager, jar);
            case FLOOD -> flood(manager, jar);
            case HOLD_DEAF -> holdDeaf(manager, jar, Files.createDirectories(envRoot.resolve("marks")));
            case OUTPUT -> output(manager, jar);
            default -> throw new IllegalArgumentException("unknown mode " + mode);
        }
    }

    private static void hold(ExtensionManager<TestExtension> manager, Path jar) throws Exception {
        TestExtension extension = manager.loadExtension(config("held", jar).build());
        printChild(extension.pid());
        waitForTheEnd(manager);
    }

    private static void holdLoading(ExtensionManager<TestExtension> manager, Path jar) throws Exception {
        ProxiedSingletons.register(HostCounter.class, new HostCounter() {
            @Override
            public long incrementAndGet() {
                // Called by the extension's load hook: its process is this JVM's only java
                // descendant (a sandbox's bubblewrap stands in between).
                printChild(ProcessHandle.current()
                        .descendants()
                        .filter(process -> process.info()
                                .command()
                                .map(command -> command.endsWith("/java"))
                                .orElse(false))
                        .findFirst()
                        .orElseThrow()
                        .pid());
                try {
                    Thread.sleep(LONGEST_HOLD.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return 0;
            }

            @Override
            public long hostPid() {
                return ProcessHandle.current().pid();
            }
        });
        Thread loader = new Thread(() -> manager.loadExtension(config("stuck", jar)
                .apis(HostCounter.class)
                .env(Map.of("FIXTURE_USE_COUNTER", "1"))
                .build()));
        loader.setDaemon(true);
        loader.start();
        waitForTheEnd(manager);
    }

    private static void holdDeaf(ExtensionManager<TestExtension> manager, Path jar, Path marks) throws Exception {
        Path marker = marks.resolve("deaf.pid");
        Thread loader = new Thread(() -> manager.loadExtension(config("deaf", jar)
                .env(Map.of("FIXTURE_SLEEP_ON_LOAD", marker.toString()))
                // the load hook writes its pid there for this host to read
                .sandbox(SandboxConfig.builder().writablePaths(List.of(marks)).build())
                .build()));
        loader.setDaemon(true);
        loader.start();
        long deadline = System.nanoTime() + LONGEST_HOLD.toNanos();
        while (!Files.exists(marker) || Files.readString(marker).isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the extension's load hook never ran");
            }
            Thread.sleep(20);
        }
        printChild(Long.parseLong(Files.readString(marker).trim()));
        waitForTheEnd(manager);
    }

    private static void holdSandboxed(ExtensionManager<TestExtension> manager, Path jar) throws Exception {
        TestExtension extension = manager.loadExtension(config("boxed", jar)
                .sandbox(SandboxConfig.builder().mode(SandboxMode.REQUIRED).build())
                .build());
        printChild(extension.pid());
        waitForTheEnd(manager);
    }

    /** Has the extension write 200 MB to its stdout, and reports the host's heap before and after. */
    private static void flood(ExtensionManager<TestExtension> manager, Path jar) {
        TestExtension extension = manager.loadExtension(config("flooder", jar).build());
        Chatter chatter = ExtensionHandle.of(extension).createCaller(Chatter.class, "chatter");
        long before = usedHeapAfterGc();
        chatter.flood(200_000, 1_000);
        long after = usedHeapAfterGc();
        System.out.println(HEAP_PREFIX + before + " " + after);
        System.out.flush();
        manager.close();
    }

    private static long usedHeapAfterGc() {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }

    private static void printChild(long pid) {
        System.out.println(CHILD_PREFIX + pid);
        System.out.flush();
    }

    private static void waitForTheEnd(ExtensionManager<TestExtension> manager) throws InterruptedException {
        // Never outlive the test: its JVM holds our stdin, and nothing waits longer than a minute.
        Thread watch = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // the test writes nothing
                }
            } catch (Exception ignored) {
                // the same as end of file
            }
            System.exit(4);
        });
        watch.setDaemon(true);
        watch.start();
        Thread.sleep(LONGEST_HOLD.toMillis());
        manager.close();
        System.exit(5);
    }

    private static void output(ExtensionManager<TestExtension> manager, Path jar) {
        TestExtension extension = manager.loadExtension(config("talker", jar).build());
        Chatter chatter = ExtensionHandle.of(extension).createCaller(Chatter.class, "chatter");
        chatter.print("stdout", "hello out");
        chatter.print("stderr", "hello err");
        chatter.print("stdout", "first of two\nsecond of two");
        chatter.flood(1, 50 << 20); // one line of 50 MiB, to a host with a smaller heap
        chatter.print("stderr", "after the flood");
        manager.close();
        System.out.println(DONE);
        System.out.flush();
    }

    private static ExtensionConfig.Builder config(String name, Path jar) {
        return ExtensionConfig.builder(name).modulePath(jar);
    }
}
