package dev.isolate4j.internal.classdata;

import dev.isolate4j.internal.DaemonThreads;
import dev.isolate4j.internal.ProcessExits;
import dev.isolate4j.internal.jdk.JdkOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One child recording the classes it loads, seen from its host: the host copies the child's class
 * list once, after {@link #RECORDING_TIME} or when the child goes away sooner, and starts an {@link
 * ArchiveDumper}; it holds the recording's lock until that dumper exits, or until it ends itself.
 */
final class Recording {
    private static final Logger log = LoggerFactory.getLogger(Recording.class);

    /** How long the first child records its classes before the archive is dumped. */
    static final Duration RECORDING_TIME = Duration.ofSeconds(2);

    /** A class list larger than this is not a class list. */
    private static final long MAX_CLASS_LIST_BYTES = 16 << 20;

    /** The dumper's own JVM: it only waits for another. */
    private static final List<String> DUMPER_OPTIONS =
            List.of("-Xshare:auto", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:-UsePerfData", "-Xmx32m");

    private final Path javaHome;
    private final String classPath;
    private final List<String> layoutOptions;
    private final Path classList;
    private final Path archive;
    private final RecordingLock lock;
    private final AtomicBoolean started = new AtomicBoolean();

    Recording(
            Path javaHome,
            String classPath,
            List<String> layoutOptions,
            Path classList,
            Path archive,
            RecordingLock lock) {
        this.javaHome = javaHome;
        this.classPath = classPath;
        this.layoutOptions = List.copyOf(layoutOptions);
        this.classList = classList;
        this.archive = archive;
        this.lock = lock;
    }

    void scheduleAfterRecording() {
        DaemonThreads.startAfter("isolate4j-class-data", RECORDING_TIME, this::start);
    }

    /** The child failed to start: no dump, and a later start may record. */
    void abandon() {
        if (started.compareAndSet(false, true)) {
            lock.close();
        }
    }

    /**
     * Copies the child's class list now and starts the dumper; once, whichever comes first: the end
     * of the recording time, or the child going away with its directory.
     */
    void start() {
        if (!started.compareAndSet(false, true)) {
            return;
        }
        Path list = ArchiveFiles.temporary(archive, "lst");
        try {
            if (!copyClassList(list)) {
                ArchiveFiles.deleteQuietly(list);
                lock.close();
                return;
            }
            Process dumper = startDumper(list);
            // Held while the dumper runs, so that nobody records the same archive meanwhile; if this
            // host ends first, the system releases it and the dumper takes it over.
            ProcessExits.watch(dumper, "isolate4j-class-data-dump").thenRun(lock::close);
        } catch (IOException | RuntimeException e) {
            log.debug("class-data archive {}: not dumped: {}", archive, e.toString());
            ArchiveFiles.deleteQuietly(list);
            lock.close();
        }
    }

    /** The child may have put anything there: only a plain file, not a link, is read. */
    private boolean copyClassList(Path list) throws IOException {
        if (!Files.isRegularFile(classList, LinkOption.NOFOLLOW_LINKS)) {
            log.debug("class-data archive {}: the child left no class list", archive);
            return false;
        }
        if (Files.size(classList) > MAX_CLASS_LIST_BYTES) {
            log.warn(
                    "class-data archive {}: the child's class list {} is over {} bytes; no archive",
                    archive,
                    classList,
                    MAX_CLASS_LIST_BYTES);
            return false;
        }
        // Without the classes of the extension's own loader ("source: <jar>" lines): the archive
        // serves the children of every extension on this class path, and a JDK 25 dump fails as a
        // whole when such a jar is gone by then (a prestarted child's links go with the child).
        List<String> lines;
        try (InputStream in = Files.newInputStream(classList, LinkOption.NOFOLLOW_LINKS)) {
            lines = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .filter(line -> !line.contains(" source: "))
                    .toList();
        }
        Files.write(list, lines, StandardCharsets.UTF_8);
        return true;
    }

    private Process startDumper(Path list) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(javaHome.resolve("bin").resolve("java").toString());
        command.addAll(DUMPER_OPTIONS);
        command.add(ArchiveDumper.class.getName());
        command.addAll(List.of(javaHome.toString(), list.toString(), archive.toString()));
        command.addAll(layoutOptions);
        // The children's module options too: on JDK 25 a child whose --add-opens differ from the
        // dump's prints CDS errors on its stdout and loses the archived module graph.
        command.addAll(JdkOptions.forJavaHome(javaHome));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ArchiveFiles.sibling(archive, ".log").toFile());
        // The same class path, set the same way, as the children that will map the archive: it
        // holds this runtime, and the dumper's JVM passes it on to the dumping one.
        builder.environment().put("CLASSPATH", classPath);
        Process process = builder.start();
        process.getOutputStream().close();
        log.debug("class-data archive {}: dumping in process {}", archive, process.pid());
        return process;
    }
}
