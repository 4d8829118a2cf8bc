package dev.isolate4j.internal.process;

import static com.google.common.truth.Truth.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrestartedFilesTest {
    /** No process has this pid: above Linux's highest. */
    private static final String NO_SUCH_PID = "4294967295";

    @TempDir
    Path temp;

    @Test
    void aDirectoryThisHostCreatedIsKeptAndRemovedWithItsLockFile() throws IOException {
        Path root = temp.resolve(".prestarted");
        Path directory = PrestartedFiles.create(root);
        Path lockFile = directory.resolveSibling(directory.getFileName() + ".lock");
        assertThat(Files.exists(lockFile)).isTrue();

        PrestartedFiles.removeStale(root);
        assertThat(Files.isDirectory(directory)).isTrue();

        PrestartedFiles.remove(directory);
        assertThat(Files.exists(directory)).isFalse();
        assertThat(Files.exists(lockFile)).isFalse();
    }

    /**
     * Managers of one host come and go beside each other, each cleaning up after hosts that are gone
     * as it starts: a cleanup never removes a directory that another has just created. One did, in
     * a CI run of {@code PrestartedChildrenTest}: the directory's lock file existed a moment before it
     * was locked, and a cleanup took its lock in that moment, judged the directory abandoned and
     * removed it, and the load that had taken the child failed to write its class path there.
     */
    @Test
    void aCleanupBesideCreationsNeverRemovesADirectoryJustCreated() throws Exception {
        Path root = Files.createDirectories(temp.resolve(".prestarted"));
        AtomicBoolean done = new AtomicBoolean();
        Thread cleaner = new Thread(() -> {
            while (!done.get()) {
                PrestartedFiles.removeStale(root);
            }
        });
        cleaner.start();
        try {
            for (int i = 0; i < 3_000; i++) {
                Path directory = PrestartedFiles.create(root);
                // What a load writes there once it takes its child.
                Files.writeString(directory.resolve("class-path.txt"), "a.jar");
                PrestartedFiles.remove(directory);
            }
        } finally {
            done.set(true);
            cleaner.join();
        }
        try (Stream<Path> left = Files.list(root)) {
            assertThat(left.toList()).isEmpty();
        }
    }

    /**
     * A host whose pid this host cannot see (another pid namespace: a container sharing the
     * environments) keeps its directory while it holds its lock; once it is gone, the directory
     * goes. Judged by the pid alone, it was removed from under that host's child.
     */
    @Test
    void aDirectoryWhoseLockAnotherProcessHoldsIsKeptWhateverItsPid() throws Exception {
        Path root = Files.createDirectories(temp.resolve(".prestarted"));
        Path directory = Files.createDirectory(root.resolve(NO_SUCH_PID + "-abc"));
        Files.writeString(directory.resolve("extension.jar"), "in use");
        Path lockFile = Files.createFile(root.resolve(NO_SUCH_PID + "-abc.lock"));
        Process holder = holdLock(lockFile);
        try {
            PrestartedFiles.removeStale(root);
            assertThat(Files.readString(directory.resolve("extension.jar"))).isEqualTo("in use");
        } finally {
            holder.destroyForcibly();
            assertThat(holder.waitFor(10, TimeUnit.SECONDS)).isTrue();
        }

        PrestartedFiles.removeStale(root);
        assertThat(Files.exists(directory)).isFalse();
        assertThat(Files.exists(lockFile)).isFalse();
    }

    /** A JVM of its own that locks {@code lockFile} and waits; returns once it holds the lock. */
    private Process holdLock(Path lockFile) throws IOException {
        Path source = Files.writeString(temp.resolve("Holder.java"), """
                import java.nio.channels.FileChannel;
                import java.nio.file.Path;
                import java.nio.file.StandardOpenOption;
                public class Holder {
                    public static void main(String[] args) throws Exception {
                        FileChannel channel = FileChannel.open(Path.of(args[0]), StandardOpenOption.WRITE);
                        channel.lock();
                        System.out.println("LOCKED");
                        Thread.sleep(60_000);
                    }
                }
                """);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), source.toString(), lockFile.toString())
                .redirectErrorStream(true)
                .start();
        BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        assertThat(line).isEqualTo("LOCKED");
        return process;
    }
}
