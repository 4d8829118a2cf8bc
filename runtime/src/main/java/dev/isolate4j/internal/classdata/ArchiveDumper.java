package dev.isolate4j.internal.classdata;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Dumps one static archive from a recording child's class list, in a process of its own that the
 * host starts and does not wait for: a host that exits, or is killed, while the dump runs still
 * gets its archive, and leaves no half-made one.
 *
 * <p>It takes the class list under its own pid's name, runs {@code java -Xshare:dump} into a
 * temporary file named the same way, and moves a complete archive into place in one step, then
 * removes all but the newest archives. It takes over the recording's lock when the host that held it
 * ends, so that nobody records the same archive while it dumps. Its output, and the dumping JVM's,
 * go to {@code <key>.log}, which the host points them to.
 *
 * <p>It runs on a child's class path (in {@code CLASSPATH}, as the dumping JVM and the children that
 * will map the archive have it), which holds this runtime but maybe no logging: it prints.
 *
 * <pre>
 * java dev.isolate4j.internal.classdata.ArchiveDumper &lt;java home&gt; &lt;class list&gt; &lt;archive&gt; [layout options...]
 * </pre>
 */
public final class ArchiveDumper {
    static final Duration DUMP_TIMEOUT = Duration.ofMinutes(2);

    private final Path javaHome;
    private final Path classList;
    private final Path archive;
    private final List<String> layoutOptions;

    ArchiveDumper(Path javaHome, Path classList, Path archive, List<String> layoutOptions) {
        this.javaHome = javaHome;
        this.classList = classList;
        this.archive = archive;
        this.layoutOptions = List.copyOf(layoutOptions);
    }

    /**
     * Dumps the archive.
     *
     * @param args the java home, the class list, the archive, then the layout options
     */
    public static void main(String[] args) {
        if (args.length < 3) {
            System.out.println("usage: ArchiveDumper <java home> <class list> <archive> [layout options...]");
            System.exit(2);
        }
        ArchiveDumper dumper = new ArchiveDumper(
                Path.of(args[0]),
                Path.of(args[1]),
                Path.of(args[2]),
                List.of(args).subList(3, args.length));
        takeOverLock(ArchiveFiles.sibling(dumper.archive, ".lock"));
        System.exit(dumper.dump() ? 0 : 1);
    }

    /**
     * Waits, on a thread of its own, for the lock the host holds until this process exits: it is
     * free before then only if the host ended first, and this process then keeps it to its end.
     */
    private static void takeOverLock(Path lockFile) {
        Thread thread = new Thread(
                () -> {
                    try {
                        RecordingLock.acquire(lockFile);
                    } catch (IOException | RuntimeException e) {
                        // without the lock, another start may record the same archive: only wasted work
                    }
                },
                "isolate4j-dump-lock");
        thread.setDaemon(true);
        thread.start();
    }

    /** Dumps the archive; returns whether it is in place. */
    boolean dump() {
        Path list = ArchiveFiles.temporary(archive, "lst");
        Path output = ArchiveFiles.temporary(archive, "jsa");
        try {
            // Under this process's pid from now on: a later start removes it only once this is gone.
            Files.move(classList, list, StandardCopyOption.ATOMIC_MOVE);
            Process process = new ProcessBuilder(command(list, output))
                    .inheritIO()
                    .redirectInput(ProcessBuilder.Redirect.PIPE)
                    .start();
            process.getOutputStream().close();
            if (!process.waitFor(DUMP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                System.out.println(
                        "isolate4j: the dump of " + archive + " took over " + DUMP_TIMEOUT + "; left without");
                return false;
            }
            if (process.exitValue() != 0 || !ArchiveFiles.isCompleteArchive(output)) {
                System.out.println("isolate4j: the dump of " + archive + " failed with status " + process.exitValue());
                return false;
            }
            Files.move(output, archive, StandardCopyOption.ATOMIC_MOVE);
            // A start that finds the lock file gone finds the archive: only an archive that is
            // missing is recorded, and the one that held the lock looks again once it has it.
            ArchiveFiles.deleteQuietly(ArchiveFiles.sibling(archive, ".lock"));
            System.out.println("isolate4j: " + archive + " written");
            ArchiveFiles.removeAllButNewest(archive.getParent(), ArchiveFiles.KEPT_ARCHIVES);
            return true;
        } catch (IOException e) {
            System.out.println("isolate4j: " + archive + " not dumped: " + e);
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            ArchiveFiles.deleteQuietly(list);
            ArchiveFiles.deleteQuietly(output);
        }
    }

    /** The dumping JVM, with the class path the children have (this process's {@code CLASSPATH}). */
    private List<String> command(Path list, Path output) {
        List<String> command = new ArrayList<>();
        command.add(javaHome.resolve("bin").resolve("java").toString());
        command.addAll(layoutOptions);
        command.addAll(List.of("-Xshare:dump", "-XX:SharedClassListFile=" + list, "-XX:SharedArchiveFile=" + output));
        return command;
    }
}
