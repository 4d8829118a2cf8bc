package dev.isolate4j.it;

import dev.isolate4j.ExtensionConfig;
import dev.isolate4j.ExtensionHandle;
import dev.isolate4j.ExtensionManager;
import dev.isolate4j.ExtensionManagerConfig;
import dev.isolate4j.it.api.TestExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * A short-lived host application in a JVM of its own, started by {@link ShortLivedHostTest}: it
 * loads one isolated extension in the default configuration, the first of its kind, and is gone a
 * second later.
 *
 * <p>Arguments: {@code <mode> <extension jar> <envRoot> <repository URL> <child's java home>}.
 * Modes:
 *
 * <ul>
 *   <li>{@code close}: loads "brief", calls it, prints {@code CHILD <pid>}, closes its manager a
 *       second later and exits 0.
 *   <li>{@code exit}: the same, but exits without closing its manager.
 *   <li>{@code hold}: loads and calls "brief", prints {@code CHILD <pid>} and waits to be killed
 *       (exits 4 when its stdin ends, 5 after a minute).
 *   <li>{@code next}: loads "next", calls it, prints {@code NEXT recording=<bool> mapped=<bool>},
 *       stops it, waits for an archive if it mapped none, then does the same with "again" ({@code
 *       AGAIN ...}), closes its manager and exits 0. Recording: the child records its classes for
 *       an archive; mapped: it maps one of {@code envRoot}'s.
 * </ul>
 */
public final class BriefHost {
    static final String CLOSE = "close";
    static final String EXIT = "exit";
    static final String HOLD = "hold";
    static final String NEXT = "next";
    static final String CHILD_PREFIX = "CHILD ";
    private static final Duration BRIEF = Duration.ofSeconds(1);
    private static final Duration LONGEST_HOLD = Duration.ofSeconds(60);

    private BriefHost() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            throw new IllegalArgumentException(
                    "usage: BriefHost close|exit|hold|next <extension jar> <envRoot> <repository URL> <java home>");
        }
        String mode = args[0];
        Path envRoot = Path.of(args[2]);
        ExtensionManager<TestExtension> manager = new ExtensionManager<>(
                TestExtension.class,
                ExtensionManagerConfig.builder()
                        .envRootPath(envRoot)
                        // Its own, so that the fixture API of this build is resolved, not one cached before.
                        .localRepository(envRoot.resolveSibling(envRoot.getFileName() + "-repository"))
                        .build());
        switch (mode) {
            case CLOSE -> {
                loadAndCall(manager, config("brief", args));
                Thread.sleep(BRIEF.toMillis());
                manager.close();
                System.exit(0);
            }
            case EXIT -> {
                loadAndCall(manager, config("brief", args));
                Thread.sleep(BRIEF.toMillis());
                System.exit(0);
            }
            case HOLD -> {
                loadAndCall(manager, config("brief", args));
                holdUntilKilled();
            }
            case NEXT -> {
                if (!report("NEXT", manager, config("next", args), envRoot)) {
                    awaitArchive(envRoot);
                }
                report("AGAIN", manager, config("again", args), envRoot);
                manager.close();
                System.exit(0);
            }
            default -> throw new IllegalArgumentException("unknown mode " + mode);
        }
    }

    /** The isolated fixture extension, in the default configuration but for its JDK. */
    private static ExtensionConfig config(String name, String[] args) {
        return ExtensionConfig.builder(name)
                .modulePath(Path.of(args[1]))
                .isolated(true)
                .dependencies(PreparingHost.DEPENDENCY)
                .repositories(List.of(args[3]))
                .javaHome(Path.of(args[4]))
                .build();
    }

    private static void loadAndCall(ExtensionManager<TestExtension> manager, ExtensionConfig config) {
        TestExtension extension = manager.loadExtension(config);
        extension.echo("brief");
        System.out.println(CHILD_PREFIX + ExtensionHandle.of(extension).pid());
        System.out.flush();
    }

    /** Loads, calls, reports and stops one extension; returns whether it mapped an archive. */
    private static boolean report(
            String label, ExtensionManager<TestExtension> manager, ExtensionConfig config, Path envRoot)
            throws IOException {
        TestExtension extension = manager.loadExtension(config);
        extension.echo(label);
        long pid = ExtensionHandle.of(extension).pid();
        String commandLine = Files.readString(Path.of("/proc/" + pid + "/cmdline"));
        boolean recording = commandLine.contains("-XX:DumpLoadedClassList=");
        Path archives = envRoot.resolve(".class-data");
        boolean mapped = Files.isDirectory(archives)
                && Files.readString(Path.of("/proc/" + pid + "/maps")).contains(archives.toRealPath() + "/");
        System.out.println(label + " recording=" + recording + " mapped=" + mapped);
        System.out.flush();
        manager.stopExtension(config.name());
        return mapped;
    }

    /** Waits for the archive that the dump of a recording child's classes puts in place. */
    private static void awaitArchive(Path envRoot) throws IOException, InterruptedException {
        Path archives = envRoot.resolve(".class-data");
        long deadline = System.nanoTime() + LONGEST_HOLD.toNanos();
        while (!hasArchive(archives)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no class-data archive in " + archives + " within " + LONGEST_HOLD);
            }
            Thread.sleep(50);
        }
    }

    private static boolean hasArchive(Path archives) throws IOException {
        if (!Files.isDirectory(archives)) {
            return false;
        }
        try (Stream<Path> files = Files.list(archives)) {
            return files.anyMatch(file -> file.getFileName().toString().endsWith(".jsa"));
        }
    }

    private static void holdUntilKilled() throws InterruptedException {
        Thread watch = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // the test writes nothing
                }
            } catch (IOException ignored) {
                // the same as end of file
            }
            System.exit(4);
        });
        watch.setDaemon(true);
        watch.start();
        Thread.sleep(LONGEST_HOLD.toMillis());
        System.exit(5);
    }
}
