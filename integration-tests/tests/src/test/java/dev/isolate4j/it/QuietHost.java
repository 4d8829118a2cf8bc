package dev.isolate4j.it;

import dev.isolate4j.ExtensionConfig;
import dev.isolate4j.ExtensionHandle;
import dev.isolate4j.ExtensionManager;
import dev.isolate4j.ExtensionManagerConfig;
import dev.isolate4j.it.api.Measurement;
import dev.isolate4j.it.api.TestExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Vector;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A host application in the default configuration (sandbox as it comes, no JVM options for the
 * child, class-data sharing on), started by {@link QuietOutputTest} on one JDK with its child on
 * another. It loads the extension "quiet" and calls it, waits until the child's class-data archive
 * is dumped, stops it, loads it again (mapping the archive) and calls it again, prints {@code
 * ARCHIVE MAPPED} or {@code NO ARCHIVE} for that second child, then closes its manager and prints
 * {@code DONE}.
 *
 * <p>Arguments: {@code <extension jar> <envRoot> <child's javaHome> simple|fory}. {@code simple}
 * makes only calls whose values cross without Fory (a record result among them); {@code fory} also
 * passes a {@code Vector}, a list only Fory carries, which loads it on both sides.
 */
public final class QuietHost {
    static final String SIMPLE = "simple";
    static final String FORY = "fory";
    static final String DONE = "DONE";
    static final String ARCHIVE_MAPPED = "ARCHIVE MAPPED";

    private QuietHost() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            throw new IllegalArgumentException(
                    "usage: QuietHost <extension jar> <envRoot> <child's javaHome> simple|fory");
        }
        Path jar = Path.of(args[0]);
        Path envRoot = Path.of(args[1]);
        ExtensionConfig config = ExtensionConfig.builder("quiet")
                .modulePath(jar)
                .javaHome(Path.of(args[2]))
                .build();
        boolean fory = args[3].equals(FORY);
        try (ExtensionManager<TestExtension> manager = new ExtensionManager<>(
                TestExtension.class,
                ExtensionManagerConfig.builder().envRootPath(envRoot).build())) {
            call(manager.loadExtension(config), fory);
            manager.stopExtension("quiet");
            awaitClassData(envRoot.resolve(".class-data"));
            TestExtension again = manager.loadExtension(config);
            call(again, fory);
            boolean mapped = maps(ExtensionHandle.of(again).pid(), envRoot.resolve(".class-data"));
            System.out.println(mapped ? ARCHIVE_MAPPED : "NO ARCHIVE");
        }
        System.out.println(DONE);
    }

    private static void call(TestExtension extension, boolean fory) {
        check(extension.echo("hello").equals("hello"), "echo");
        check(extension.pid() > 0, "pid");
        Measurement fromArrayList = extension.measure(new ArrayList<>(List.of(1.0, 2.0, 3.0)));
        Measurement fromImmutable = extension.measure(List.of(4.0, 5.0));
        check(fromArrayList.count() == 3 && fromImmutable.mean() == 4.5, "measure");
        if (fory) {
            Measurement fromVector = extension.measure(new Vector<>(List.of(6.0, 8.0)));
            check(fromVector.mean() == 7.0, "measure a Vector");
        }
    }

    /** Whether process {@code pid} maps a file of {@code directory}: a class-data archive. */
    private static boolean maps(long pid, Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return false;
        }
        String prefix = directory.toRealPath().toString();
        try (Stream<String> lines = Files.lines(Path.of("/proc", Long.toString(pid), "maps"))) {
            return lines.anyMatch(line -> line.contains(prefix));
        }
    }

    private static void check(boolean condition, String call) {
        if (!condition) {
            throw new AssertionError("wrong result from " + call);
        }
    }

    /**
     * Waits, for a minute at most, until no class-data archive is being recorded or dumped, so that
     * the next start maps one; a start without an archive is quiet too, so the wait never fails.
     */
    private static void awaitClassData(Path directory) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && inProgress(directory)) {
            Thread.sleep(50);
        }
    }

    private static boolean inProgress(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return false;
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(file -> file.getFileName().toString())
                    .anyMatch(name -> name.endsWith(".lock") || name.endsWith(".tmp"));
        }
    }
}
