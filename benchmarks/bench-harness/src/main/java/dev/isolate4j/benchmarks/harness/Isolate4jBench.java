package dev.isolate4j.benchmarks.harness;

import dev.isolate4j.CallInfo;
import dev.isolate4j.CallInterceptor;
import dev.isolate4j.CallListener;
import dev.isolate4j.ExtensionConfig;
import dev.isolate4j.ExtensionHandle;
import dev.isolate4j.ExtensionManager;
import dev.isolate4j.ExtensionManagerConfig;
import dev.isolate4j.SandboxConfig;
import dev.isolate4j.SharedBuffer;
import dev.isolate4j.benchmarks.api.BenchService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;

/** isolate4j's figures: a host (this JVM) calling the benchmark extension in a child JVM. */
final class Isolate4jBench {
    /** Lean flags for children, measured beside the defaults (start and RSS only). */
    static final List<String> LEAN_FLAGS =
            List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:-UsePerfData", "-Xss512k");

    private Isolate4jBench() {}

    static final class Figures extends Baselines.Figures {
        double sharedMicros = Double.NaN;
        double leanWarmStartMillis = Double.NaN;
        double leanIdleRssMiB = Double.NaN;
        double unsandboxedWarmStartMillis = Double.NaN;
        double noArchiveWarmStartMillis = Double.NaN;
        /** The heap the child reported committed, just after its RSS 30 s after the call rows. */
        double heapCommittedIdleMiB = Double.NaN;

        /** The small-call row with one interceptor installed on the host, in the same run. */
        Stats interceptedSmall;
        /** The small call and the large array, measured in rounds alternating with the raw socket's. */
        PairedRows.Figures paired;
        /** The small asynchronous call, its future awaited at once. */
        Stats asyncSmall;

        double streamTokensPerSecond = Double.NaN;
        double streamChunkMBps = Double.NaN;

        /** {@return where the child's pages were after its call rows and idleness, for a note under the table} */
        String residentNote(Settings settings) {
            return String.format(
                            Locale.ROOT,
                            "child RSS %.0f s after the call rows, in MiB: ",
                            settings.idleAfterWorkSeconds())
                    + (residentIdleAfterWork == null
                            ? "(its mappings could not be read)"
                            : residentIdleAfterWork.describe(heapCommittedIdleMiB));
        }
    }

    static Figures run(Settings settings, Path extensionJar, Path envRoot) throws Exception {
        Figures figures = new Figures();
        ExtensionManagerConfig managerConfig =
                ExtensionManagerConfig.builder().envRootPath(envRoot).build();
        try (ExtensionManager<BenchService> manager = new ExtensionManager<>(BenchService.class, managerConfig)) {
            // Cold: the first load in this JVM, into a fresh envRoot.
            long start = System.nanoTime();
            BenchService service = manager.loadExtension(config("bench", extensionJar, List.of()));
            service.echo("x");
            figures.startColdMillis = (System.nanoTime() - start) / 1e6;

            if (!settings.callsOnly()) {
                starts(settings, figures, manager, extensionJar, envRoot);
            }

            CallRows.Service calls = new CallRows.Service() {
                @Override
                public String echo(String value) {
                    return service.echo(value);
                }

                @Override
                public double mean(double[] values) {
                    return service.mean(values);
                }

                @Override
                public double meanOfList(List<Double> values) {
                    return service.meanOfList(values);
                }

                @Override
                public byte[] echoBytes(byte[] bytes) {
                    return service.echoBytes(bytes);
                }
            };
            // Calls in flight, small calls, the doubles, then the large array, in the harness's order.
            figures.paired = PairedRows.measure(settings, service, envRoot.getParent(), () -> {
                CallRows.doubles(figures, settings, calls);
                return null;
            });
            figures.callsPerSecond = figures.paired.callsPerSecond;
            figures.small = figures.paired.small;
            figures.asyncSmall = figures.paired.asyncSmall;
            figures.bigMBps = figures.paired.bigMBps;

            if (settings.callsOnly()) {
                return figures;
            }
            figures.streamTokensPerSecond = StreamRows.tokensPerSecond(service, settings.streamTokens());
            figures.streamChunkMBps = StreamRows.chunkMBps(service, settings.streamChunks());

            try (SharedBuffer buffer = SharedBuffer.allocate(settings.sharedBytes())) {
                long lastLong = settings.sharedBytes() / Long.BYTES - 1;
                buffer.putLong(lastLong, 42);
                SharedBuffer readOnly = buffer.asReadOnly();
                double sharedMillis = Harness.millisPerCall(
                        settings.sharedWarmup(), settings.sharedCalls(), () -> service.longAt(readOnly, lastLong));
                figures.sharedMicros = sharedMillis * 1e3;
            }
            ExtensionHandle handle = ExtensionHandle.of(service);
            figures.afterWork(settings, handle.pid());
            figures.heapCommittedIdleMiB = handle.statistics().memory().heapCommittedBytes() / (1024.0 * 1024);
        }
        figures.interceptedSmall = interceptedSmallCalls(settings, extensionJar, envRoot);
        return figures;
    }

    /** The warm starts, in their variants, and the RSS of children that did nothing. */
    private static void starts(
            Settings settings, Figures figures, ExtensionManager<BenchService> manager, Path extensionJar, Path envRoot)
            throws Exception {
        // Warm: later loads of another extension, once the first child's class-data archive is
        // dumped ("environment and archive cached"); the last one's RSS once idle.
        awaitArchive(settings, envRoot, 1);
        double[] warm = new double[settings.warmStarts()];
        for (int i = 0; i < warm.length; i++) {
            Loaded loaded = timedLoad(manager, config("warm", extensionJar, List.of()));
            warm[i] = loaded.millis();
            if (i == warm.length - 1) {
                figures.idleRssMiB = idleRss(loaded.service());
            }
            manager.stopExtension("warm");
        }
        figures.startWarmMillis = Stats.median(warm);
        // Other JVM options, another archive: a first lean child records it.
        timedLoad(manager, config("lean", extensionJar, LEAN_FLAGS));
        awaitArchive(settings, envRoot, 2);
        manager.stopExtension("lean");
        double[] lean = new double[settings.warmStarts()];
        for (int i = 0; i < lean.length; i++) {
            Loaded loaded = timedLoad(manager, config("lean", extensionJar, LEAN_FLAGS));
            lean[i] = loaded.millis();
            if (i == lean.length - 1) {
                figures.leanIdleRssMiB = idleRss(loaded.service());
            }
            manager.stopExtension("lean");
        }
        figures.leanWarmStartMillis = Stats.median(lean);
        double[] unsandboxed = new double[settings.warmStarts()];
        for (int i = 0; i < unsandboxed.length; i++) {
            ExtensionConfig config = ExtensionConfig.builder("unsandboxed")
                    .modulePath(extensionJar)
                    .javaHome(Harness.childJavaHome())
                    .sharedMemory(true)
                    .sandbox(SandboxConfig.disabled())
                    .build();
            unsandboxed[i] = timedLoad(manager, config).millis();
            manager.stopExtension("unsandboxed");
        }
        figures.unsandboxedWarmStartMillis = Stats.median(unsandboxed);
        figures.noArchiveWarmStartMillis = warmWithoutArchive(settings, extensionJar, envRoot);
    }

    /**
     * The small-call row through a manager with one interceptor, which puts an entry on each call
     * and times it, as a tracing or metrics interceptor does: what installing one costs.
     */
    private static Stats interceptedSmallCalls(Settings settings, Path extensionJar, Path envRoot) throws Exception {
        LongAdder timed = new LongAdder();
        CallInterceptor interceptor = new CallInterceptor() {
            @Override
            public CallListener beforeCall(CallInfo call, Map<String, String> metadata) {
                metadata.put("request-id", "bench");
                long start = System.nanoTime();
                return new CallListener() {
                    @Override
                    public void completed(Throwable failure) {
                        timed.add(System.nanoTime() - start);
                    }
                };
            }
        };
        ExtensionManagerConfig config = ExtensionManagerConfig.builder()
                .envRootPath(envRoot)
                .interceptors(interceptor)
                .build();
        try (ExtensionManager<BenchService> manager = new ExtensionManager<>(BenchService.class, config)) {
            BenchService service = manager.loadExtension(config("intercepted", extensionJar, List.of()));
            return CallRows.small(settings, new CallRows.Service() {
                @Override
                public String echo(String value) {
                    return service.echo(value);
                }

                @Override
                public double mean(double[] values) {
                    throw new UnsupportedOperationException("small calls only");
                }

                @Override
                public double meanOfList(List<Double> values) {
                    throw new UnsupportedOperationException("small calls only");
                }

                @Override
                public byte[] echoBytes(byte[] bytes) {
                    throw new UnsupportedOperationException("small calls only");
                }
            });
        }
    }

    private static ExtensionConfig config(String name, Path extensionJar, List<String> jvmArgs) {
        return ExtensionConfig.builder(name)
                .modulePath(extensionJar)
                .javaHome(Harness.childJavaHome())
                .sharedMemory(true)
                .jvmArgs(jvmArgs)
                .build();
    }

    /** The median warm start of a manager whose children share no class-data archive. */
    private static double warmWithoutArchive(Settings settings, Path extensionJar, Path envRoot) {
        ExtensionManagerConfig config = ExtensionManagerConfig.builder()
                .envRootPath(envRoot.resolveSibling("env-no-archive"))
                .classDataSharing(false)
                .build();
        try (ExtensionManager<BenchService> manager = new ExtensionManager<>(BenchService.class, config)) {
            timedLoad(manager, config("first", extensionJar, List.of()));
            double[] starts = new double[settings.warmStarts()];
            for (int i = 0; i < starts.length; i++) {
                starts[i] = timedLoad(manager, config("plain", extensionJar, List.of()))
                        .millis();
                manager.stopExtension("plain");
            }
            return Stats.median(starts);
        }
    }

    /**
     * Waits until {@code count} class-data archives are dumped under {@code envRoot}: the first
     * child of a kind records its classes, a background JVM dumps them a few seconds later. The
     * quick mode does not wait; its warm starts may then run without an archive.
     */
    private static void awaitArchive(Settings settings, Path envRoot, int count) throws Exception {
        if (!settings.awaitArchives()) {
            return;
        }
        Path directory = envRoot.resolve(".class-data");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (archives(directory) < count) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "no class-data archive appeared in " + directory + " within 90 s; see its .log files");
            }
            Thread.sleep(50);
        }
    }

    private static long archives(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.toString().endsWith(".jsa")).count();
        }
    }

    private record Loaded(BenchService service, double millis) {}

    /** Loads an extension and calls it once: the start as a user sees it. */
    private static Loaded timedLoad(ExtensionManager<BenchService> manager, ExtensionConfig config) {
        long start = System.nanoTime();
        BenchService service = manager.loadExtension(config);
        service.echo("x");
        return new Loaded(service, (System.nanoTime() - start) / 1e6);
    }

    /** VmRSS of an extension's process after it sat idle for a second. */
    private static double idleRss(BenchService service) throws InterruptedException {
        Thread.sleep(1000);
        return ChildJvm.rssMiB(ExtensionHandle.of(service).pid());
    }

    /** Calls per second with {@code inFlight} asynchronous calls always outstanding. */
    static double inFlight(BenchService service, int inFlight, double seconds) throws Exception {
        Semaphore slots = new Semaphore(inFlight);
        AtomicLong done = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        int i = 0;
        while (System.nanoTime() < end && failure.get() == null) {
            slots.acquire();
            service.echoAsync(i++).whenComplete((value, error) -> {
                if (error != null) {
                    failure.compareAndSet(null, error);
                }
                done.incrementAndGet();
                slots.release();
            });
        }
        if (!slots.tryAcquire(inFlight, 60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("asynchronous calls did not complete");
        }
        if (failure.get() != null) {
            throw new IllegalStateException("an asynchronous call failed", failure.get());
        }
        return done.get() / ((System.nanoTime() - start) / 1e9);
    }
}
