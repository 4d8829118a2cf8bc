package dev.isolate4j.internal.process;

import static dev.isolate4j.internal.Closeables.closeQuietly;

import dev.isolate4j.internal.DaemonThreads;
import dev.isolate4j.internal.ProcessExits;
import dev.isolate4j.internal.child.ChildArguments;
import dev.isolate4j.internal.classdata.ClassDataArchives;
import dev.isolate4j.internal.sandbox.Bubblewrap;
import dev.isolate4j.internal.sandbox.LinkedFiles;
import dev.isolate4j.internal.sandbox.SandboxCommand;
import dev.isolate4j.internal.transport.ChildAcceptor;
import dev.isolate4j.internal.transport.SocketDirectory;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A child JVM started before its extension is known: it gets its secret on its stdin at once,
 * connects to its private socket and proves the secret while it waits ({@link #connected()}), then
 * waits on its stdin for its arguments ({@link ChildArguments#AWAIT_EXTENSION}). A load that takes
 * it sends those and finds the connection made.
 *
 * <p>In a sandbox, the child sees an empty directory of its own, bound read-only when it started
 * ({@link #files}). Once it is taken for an extension, that extension's module and class path are
 * hard-linked into it, and the child opens them there: it reads what its extension needs and
 * nothing else, as a child started for that extension would. A hard link shares the file, so the
 * read-only bind keeps the original unwritable as well.
 *
 * <pre>{@code
 * PrestartedChild child = PrestartedChild.start(shape, archives, links, filesRoot);
 * PrestartedChild.Provided files = child.provide(modulePath, classPath, classPathFile); // when taken
 * child.assign(arguments);             // the child, connected already, loads
 * ChildAcceptor.Accepted accepted = child.connected().get(...);
 * }</pre>
 */
final class PrestartedChild {
    private static final Logger log = LoggerFactory.getLogger(PrestartedChild.class);
    private static final String NAME = "prestarted child";
    private static final String CLASS_PATH_FILE = "class-path.txt";
    private static final long EXIT_GRACE_MILLIS = 1_000;

    private final ChildShape shape;
    private final Process process;
    /** The process's exit, seen by a thread of ours (see {@link ProcessExits}). */
    private final CompletableFuture<Process> exited;
    /** Read from the child's start: a waiting child that filled its pipes would block. */
    private final OutputPump.Pair output;

    private final SocketDirectory directory;
    private final ServerSocketChannel server;
    private final ClassDataArchives.Plan classData;
    /** The directory the extension's files are linked into; {@code null} outside a sandbox. */
    private final Path files;
    /**
     * Completes with the child's authenticated channel, accepted in the background while it
     * waits; exceptionally when it exits first or the listening socket closes.
     */
    private final CompletableFuture<ChildAcceptor.Accepted> connected = new CompletableFuture<>();

    private PrestartedChild(
            ChildShape shape,
            Process process,
            SocketDirectory directory,
            ServerSocketChannel server,
            ClassDataArchives.Plan classData,
            Path files) {
        this.shape = shape;
        this.process = process;
        this.exited = ProcessExits.watch(process, "isolate4j-prestarted-exit");
        this.output = OutputPump.Pair.start(process, log, NAME + " " + process.pid());
        this.directory = directory;
        this.server = server;
        this.classData = classData;
        this.files = files;
    }

    /**
     * Starts a child of {@code shape} that waits for its extension.
     *
     * @param shape the child's JVM and sandbox
     * @param archives the class-data archives, or {@code null} for none
     * @param links where the sandbox gathers class-path jars, or {@code null}
     * @param filesRoot under which a sandboxed child's own directory of files is made
     * @return the started child
     * @throws IOException when it cannot be started; nothing is left behind
     */
    static PrestartedChild start(ChildShape shape, ClassDataArchives archives, LinkedFiles links, Path filesRoot)
            throws IOException {
        SocketDirectory directory = SocketDirectory.create();
        ServerSocketChannel server = null;
        Path files = null;
        ClassDataArchives.Plan classData = ClassDataArchives.Plan.NONE;
        try {
            server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(UnixDomainSocketAddress.of(directory.socketPath()));
            classData = archives == null
                    ? ClassDataArchives.Plan.NONE
                    : archives.plan(shape.javaHome(), shape.classPath(), shape.jvmArgs(), directory.directory());
            List<String> command = new ArrayList<>();
            if (Bubblewrap.use(NAME, shape.sandbox())) {
                files = PrestartedFiles.create(filesRoot);
                command.addAll(
                        SandboxCommand.prefix(shape.sandbox(), needs(shape, directory, classData, files, links)));
            }
            List<String> jvmArgs = new ArrayList<>(classData.jvmOptions());
            jvmArgs.addAll(shape.jvmArgs());
            command.addAll(
                    ChildCommand.buildPrestarted(shape.javaHome(), jvmArgs, shape.isolated(), directory.socketPath()));
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().putAll(shape.env());
            builder.environment().put("CLASSPATH", shape.classPath());
            log.debug("starting a prestarted child: {}", command);
            Process process = ProcessSpawner.start(builder);
            PrestartedChild child = new PrestartedChild(shape, process, directory, server, classData, files);
            try {
                child.acceptInBackground();
            } catch (IOException | RuntimeException e) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw e;
            }
            return child;
        } catch (IOException | RuntimeException e) {
            classData.onFailed().run();
            closeQuietly(server);
            closeQuietly(directory);
            PrestartedFiles.remove(files);
            throw e;
        }
    }

    private static SandboxCommand.Needs needs(
            ChildShape shape,
            SocketDirectory directory,
            ClassDataArchives.Plan classData,
            Path files,
            LinkedFiles links) {
        List<Path> classPath = new ArrayList<>();
        for (String entry : shape.classPath().split(File.pathSeparator)) {
            if (!entry.isEmpty()) {
                classPath.add(Path.of(entry));
            }
        }
        List<Path> readable = new ArrayList<>(List.of(shape.javaHome(), files));
        if (classData.archive() != null) {
            readable.add(classData.archive());
        }
        return new SandboxCommand.Needs(
                classPath, List.of(), readable, directory.directory(), shape.sharedMemory(), links);
    }

    ChildShape shape() {
        return shape;
    }

    Process process() {
        return process;
    }

    OutputPump.Pair output() {
        return output;
    }

    /** {@return the process's exit, which a thread of ours watches from the child's start} */
    CompletableFuture<Process> exited() {
        return exited;
    }

    SocketDirectory directory() {
        return directory;
    }

    ServerSocketChannel server() {
        return server;
    }

    ClassDataArchives.Plan classData() {
        return classData;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Where the child reads an extension's files.
     *
     * @param modulePath the extension's jar or classes directory, as the child sees it
     * @param classPathFile the file listing an isolated extension's class path as the child sees
     *     it, or {@code null}
     */
    record Provided(Path modulePath, Path classPathFile) {}

    /**
     * Makes an extension's files readable to the child: as they are outside a sandbox; inside, as
     * hard links in its own directory, with a class-path file that lists the links.
     *
     * @param modulePath the extension's jar or classes directory
     * @param classPath an isolated extension's class path; empty otherwise
     * @param classPathFile the file that lists {@code classPath}, or {@code null}
     * @return where the child reads them
     * @throws IOException when a file cannot be linked (a directory, another file system): the
     *     child cannot serve this extension
     */
    Provided provide(Path modulePath, List<Path> classPath, Path classPathFile) throws IOException {
        if (files == null) {
            return new Provided(modulePath, classPathFile);
        }
        Path module = PrestartedFiles.link(files, 0, modulePath);
        if (classPathFile == null) {
            return new Provided(module, null);
        }
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < classPath.size(); i++) {
            if (Files.exists(classPath.get(i), LinkOption.NOFOLLOW_LINKS) || Files.exists(classPath.get(i))) {
                lines.add(PrestartedFiles.link(files, i + 1, classPath.get(i)).toString());
            }
        }
        Path list = files.resolve(CLASS_PATH_FILE);
        Files.write(list, lines, StandardCharsets.UTF_8);
        return new Provided(module, list);
    }

    /**
     * Hands the child its secret, then accepts its connection on a thread of its own: the child
     * connects while the JVM is otherwise idle, not on the clock of the load that takes it. The
     * thread ends with the accept, or when the child exits or its socket closes (a discard).
     */
    private void acceptInBackground() throws IOException {
        String secret = ChildAcceptor.newSecret();
        OutputStream stdin = process.getOutputStream();
        stdin.write((secret + "\n").getBytes(StandardCharsets.UTF_8));
        stdin.flush();
        DaemonThreads.start("isolate4j-prestarted-accept", () -> {
            try {
                // No deadline of its own: a load that takes the child waits for this within its start timeout.
                long never = System.nanoTime() + TimeUnit.DAYS.toNanos(365);
                connected.complete(ChildAcceptor.accept(server, NAME, secret, never, () -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("the prestarted child exited before it connected");
                    }
                }));
            } catch (IOException | RuntimeException e) {
                connected.completeExceptionally(e);
            }
        });
    }

    /**
     * {@return completes with the child's connection, authenticated; a load that takes the child
     * owns the channel from then on}
     */
    CompletableFuture<ChildAcceptor.Accepted> connected() {
        return connected;
    }

    /**
     * Discards a child that exited before a load could take it, and logs so at WARN, with its exit
     * status and the last lines of its stderr: the load that finds it so starts another child, which
     * nobody would notice otherwise. Call only once it is gone.
     *
     * @param instead what happens instead, for the log
     */
    void discardExited(String instead) {
        warnExited(instead);
        discard();
    }

    private void warnExited(String instead) {
        output.stderr().awaitEnd(EXIT_GRACE_MILLIS); // its last words, read to the end
        List<String> tail = output.stderr().tail();
        log.warn(
                "a prestarted child (pid {}) exited with status {} before a load could take it; {}{}",
                process.pid(),
                process.exitValue(),
                instead,
                tail.isEmpty() ? "" : "; last lines of its stderr:\n  " + String.join("\n  ", tail));
    }

    /** Removes the files provided to the child; run once it is gone. */
    void removeFiles() {
        PrestartedFiles.remove(files);
    }

    /**
     * Hands the child its arguments on its stdin, which stays open: its end tells the child that
     * the host is gone.
     */
    void assign(ChildArguments arguments) throws IOException {
        OutputStream stdin = process.getOutputStream();
        stdin.write((arguments.toLine() + "\n").getBytes(StandardCharsets.UTF_8));
        stdin.flush();
    }

    /**
     * Ends a child nobody took: its stdin closes, which ends it at once; one that lingers is
     * killed, with the JVM a sandbox runs under it.
     *
     * @return completes once it is gone and its directories removed
     */
    CompletableFuture<Void> discard() {
        List<ProcessHandle> processes = new ArrayList<>(process.descendants().toList());
        closeQuietly(process.getOutputStream());
        return exited.thenApply(p -> true)
                .completeOnTimeout(false, EXIT_GRACE_MILLIS, TimeUnit.MILLISECONDS)
                .thenCompose(inTime -> inTime ? CompletableFuture.<Void>completedFuture(null) : kill(processes))
                .thenRun(() -> {
                    classData.onFailed().run();
                    closeQuietly(server); // ends the accept, if it still waits
                    connected.thenAccept(accepted -> closeQuietly(accepted.channel()));
                    closeQuietly(process.getInputStream());
                    closeQuietly(process.getErrorStream());
                    closeQuietly(directory);
                    removeFiles();
                });
    }

    /**
     * Kills a child that outlived its grace (one closed while its JVM still started, on a loaded
     * machine), and waits a grace more for it and its JVM to be gone: whoever waits for the
     * discard, {@code close()}, finds none of them running.
     */
    private CompletableFuture<Void> kill(List<ProcessHandle> processes) {
        processes.add(process.toHandle());
        processes.forEach(ProcessHandle::destroyForcibly);
        return ProcessExits.gone(processes, Duration.ofMillis(EXIT_GRACE_MILLIS), "isolate4j-prestarted-kill")
                .thenRun(() -> {});
    }
}
