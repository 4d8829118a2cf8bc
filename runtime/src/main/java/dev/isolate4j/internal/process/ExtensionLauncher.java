package dev.isolate4j.internal.process;

import dev.isolate4j.ExtensionLoadException;
import dev.isolate4j.SandboxConfig;
import dev.isolate4j.internal.child.ChildArguments;
import dev.isolate4j.internal.classdata.ClassDataArchives;
import dev.isolate4j.internal.framing.FrameReader;
import dev.isolate4j.internal.rpc.DaemonThreads;
import dev.isolate4j.internal.sandbox.Bubblewrap;
import dev.isolate4j.internal.sandbox.LinkedFiles;
import dev.isolate4j.internal.sandbox.SandboxCommand;
import dev.isolate4j.internal.transport.Hello;
import dev.isolate4j.internal.transport.SocketDirectory;
import dev.isolate4j.spi.RemoteInterface;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a child JVM for an extension and brings it to READY: private socket, process, secret on
 * stdin, accept, HELLO check, then the extension's own READY with its interface signatures.
 * Whatever fails on the way, the process is killed and its socket removed before the error is
 * thrown.
 */
public final class ExtensionLauncher {
    private static final Logger log = LoggerFactory.getLogger(ExtensionLauncher.class);
    private static final int HELLO_MAX_BYTES = 4_096;
    private static final long POLL_MILLIS = 20;
    private static final long HANDSHAKE_TIMEOUT_MILLIS = 10_000;
    private static final int MAX_CONCURRENT_HANDSHAKES = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * What to start.
     *
     * @param classPath the child JVM's class path
     * @param extensionClassPathFile the file listing an isolated extension's own class path; {@code
     *     null} for an extension that shares the host's
     * @param archives the class-data archives children share; {@code null} for none
     * @param sandboxLinks where a sandboxed child's class-path jars are gathered; {@code null} to bind each
     */
    public record Launch(
            String name,
            Path javaHome,
            List<String> jvmArgs,
            Map<String, String> env,
            String classPath,
            Path modulePath,
            Path extensionClassPathFile,
            List<Path> extensionClassPath,
            List<String> apis,
            SandboxConfig sandbox,
            LaunchSettings settings,
            ClassDataArchives archives,
            LinkedFiles sandboxLinks) {

        ClassDataArchives.Plan classData(SocketDirectory directory) {
            return archives == null
                    ? ClassDataArchives.Plan.NONE
                    : archives.plan(javaHome, classPath, jvmArgs, directory.directory());
        }
    }

    private ExtensionLauncher() {}

    /**
     * Starts the child JVM, waits for it to connect and load the extension, and returns it.
     *
     * @param launch how to start the child
     * @param extensionInterface the descriptor of the extension's {@code @Callee} interface
     * @param services what the host offers the extension
     * @return the running process
     */
    public static ExtensionProcess launch(Launch launch, RemoteInterface<?> extensionInterface, HostServices services) {
        long deadline = System.nanoTime() + launch.settings().startTimeout().toNanos();
        SocketDirectory directory;
        try {
            directory = SocketDirectory.create();
        } catch (IOException e) {
            throw new ExtensionLoadException(
                    "cannot create a private socket directory for extension '" + launch.name() + "' under "
                            + System.getProperty("java.io.tmpdir") + ": " + e,
                    e);
        }
        ExtensionProcess extension = null;
        ClassDataArchives.Plan classData = ClassDataArchives.Plan.NONE;
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(directory.socketPath()));
            String secret = newSecret();
            classData = launch.classData(directory);
            extension = new ExtensionProcess(
                    launch.name(),
                    start(launch, directory, extensionInterface, classData),
                    directory,
                    launch.settings(),
                    services);
            extension.beforeDirectoryRemoved(classData.onGone());
            handOverSecret(extension.process(), secret);
            extension.connect(acceptChild(server, extension, secret, deadline));
            awaitReady(extension, extensionInterface, deadline);
            classData.onReady().run();
            return extension;
        } catch (RuntimeException | IOException e) {
            classData.onFailed().run();
            ExtensionLoadException failure = describe(launch.name(), extension, e);
            if (extension != null) {
                extension.kill();
            } else {
                closeQuietly(directory);
            }
            throw failure;
        }
    }

    private static Process start(
            Launch launch,
            SocketDirectory directory,
            RemoteInterface<?> extensionInterface,
            ClassDataArchives.Plan classData)
            throws IOException {
        ChildArguments arguments = new ChildArguments(
                directory.socketPath(),
                launch.name(),
                extensionInterface.type().getName(),
                launch.modulePath(),
                launch.extensionClassPathFile(),
                launch.settings().sharedMemory(),
                launch.apis(),
                launch.settings().callTimeout(),
                launch.settings().maxFrameBytes());
        List<String> command = new ArrayList<>();
        if (Bubblewrap.use(launch.name(), launch.sandbox())) {
            command.addAll(SandboxCommand.prefix(launch.sandbox(), needsOf(launch, directory, classData)));
        }
        // The archive's options first: the user's own come after, and win.
        List<String> jvmArgs = new ArrayList<>(classData.jvmOptions());
        jvmArgs.addAll(launch.jvmArgs());
        command.addAll(ChildCommand.build(launch.javaHome(), jvmArgs, arguments));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(launch.env());
        // In the environment rather than after -cp: a long class path would make the command line
        // unreadable to tools (the JDK reports no arguments past 4 KiB) and visible to other users.
        builder.environment().put("CLASSPATH", launch.classPath());
        log.debug("starting extension '{}': {}", launch.name(), command);
        return ProcessSpawner.start(builder);
    }

    private static SandboxCommand.Needs needsOf(
            Launch launch, SocketDirectory directory, ClassDataArchives.Plan classData) {
        List<Path> classPath = new ArrayList<>();
        for (String entry : launch.classPath().split(File.pathSeparator)) {
            if (!entry.isEmpty()) {
                classPath.add(Path.of(entry));
            }
        }
        List<Path> readable = new ArrayList<>(List.of(launch.javaHome(), launch.modulePath()));
        if (launch.extensionClassPathFile() != null) {
            readable.add(launch.extensionClassPathFile());
        }
        if (classData.archive() != null) {
            readable.add(classData.archive());
        }
        return new SandboxCommand.Needs(
                classPath,
                launch.extensionClassPath(),
                readable,
                directory.directory(),
                launch.settings().sharedMemory(),
                launch.sandboxLinks());
    }

    /** The secret goes through the child's stdin, which stays open: its end tells the child we died. */
    private static void handOverSecret(Process process, String secret) throws IOException {
        OutputStream stdin = process.getOutputStream();
        stdin.write((secret + "\n").getBytes(StandardCharsets.UTF_8));
        stdin.flush();
    }

    /**
     * Accepts connections until one proves the secret. Each handshake runs on a thread of its own,
     * so that a peer that connects and stays silent cannot hold the real child off; a bounded
     * number run at once, and each is cut off after {@link #HANDSHAKE_TIMEOUT_MILLIS}.
     */
    private static SocketChannel acceptChild(
            ServerSocketChannel server, ExtensionProcess extension, String secret, long deadline) throws IOException {
        CompletableFuture<SocketChannel> child = new CompletableFuture<>();
        AtomicInteger handshakes = new AtomicInteger();
        server.configureBlocking(false);
        try (Selector selector = Selector.open()) {
            server.register(selector, SelectionKey.OP_ACCEPT);
            // The handshake that proves the secret ends on its own thread: wake the loop at once.
            child.whenComplete((channel, error) -> selector.wakeup());
            while (!child.isDone()) {
                selector.select(POLL_MILLIS);
                selector.selectedKeys().clear();
                SocketChannel channel = server.accept();
                if (channel != null) {
                    handshake(channel, extension, secret, deadline, handshakes, child);
                }
                if (!child.isDone()) {
                    checkAlive(extension, deadline, "connect");
                }
            }
        }
        return child.join();
    }

    private static void handshake(
            SocketChannel channel,
            ExtensionProcess extension,
            String secret,
            long deadline,
            AtomicInteger handshakes,
            CompletableFuture<SocketChannel> child) {
        if (handshakes.incrementAndGet() > MAX_CONCURRENT_HANDSHAKES) {
            handshakes.decrementAndGet();
            log.warn("extension '{}': refused a connection: too many handshakes at once", extension.name());
            closeQuietly(channel);
            return;
        }
        DaemonThreads.start("isolate4j-" + extension.name() + "-handshake", () -> {
            try {
                Hello hello = authenticated(channel, extension, secret, deadline);
                if (hello != null) {
                    extension.childPid(hello.pid());
                    if (!child.complete(channel)) {
                        closeQuietly(channel); // a second channel that knows the secret: keep the first
                    }
                }
            } catch (IOException e) {
                closeQuietly(channel);
            } finally {
                handshakes.decrementAndGet();
            }
        });
    }

    /** The child's HELLO when it proves the secret; null (and the channel closed) otherwise. */
    private static Hello authenticated(SocketChannel channel, ExtensionProcess extension, String secret, long deadline)
            throws IOException {
        channel.configureBlocking(true);
        // A peer that connects and stays silent is cut off; the real child sends its HELLO at once.
        long timeout = Math.max(1, Math.min(HANDSHAKE_TIMEOUT_MILLIS, remainingMillis(deadline)));
        CompletableFuture<Void> watchdog =
                new CompletableFuture<Void>().completeOnTimeout(null, timeout, TimeUnit.MILLISECONDS);
        watchdog.thenRun(() -> closeQuietly(channel));
        try {
            var frame = FrameReader.exact(channel, HELLO_MAX_BYTES).read();
            Hello hello = frame == null ? null : Hello.decode(frame);
            if (hello != null && hello.protocolVersion() == Hello.PROTOCOL_VERSION && hello.proves(secret)) {
                return hello;
            }
            log.warn(
                    "extension '{}': refused a connection that did not present the extension's secret",
                    extension.name());
        } catch (IOException e) {
            log.warn(
                    "extension '{}': refused a connection with a broken handshake: {}", extension.name(), e.toString());
        } finally {
            watchdog.cancel(false);
        }
        closeQuietly(channel);
        return null;
    }

    private static void awaitReady(ExtensionProcess extension, RemoteInterface<?> expected, long deadline) {
        List<String> signatures;
        try {
            signatures = extension.ready().get(Math.max(1, remainingMillis(deadline)), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new ExtensionLoadException(
                    "extension '" + extension.name() + "' failed to load: "
                            + e.getCause().getMessage(),
                    e.getCause());
        } catch (TimeoutException e) {
            throw new ExtensionLoadException("extension '" + extension.name() + "' did not finish loading within the"
                    + " start timeout; raise ExtensionManagerConfig.startTimeout if its hooks need longer");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExtensionLoadException("interrupted while loading extension '" + extension.name() + "'", e);
        }
        InterfaceVersions.check(extension.name(), expected, signatures);
    }

    private static void checkAlive(ExtensionProcess extension, long deadline, String step) {
        if (!extension.process().isAlive()) {
            throw new ExtensionLoadException("extension '" + extension.name() + "' exited with status "
                    + extension.process().exitValue() + " before it could " + step);
        }
        if (remainingMillis(deadline) <= 0) {
            throw new ExtensionLoadException("extension '" + extension.name() + "' did not " + step
                    + " within the start timeout; raise ExtensionManagerConfig.startTimeout if it needs longer");
        }
    }

    private static ExtensionLoadException describe(String name, ExtensionProcess extension, Exception e) {
        ExtensionLoadException base = e instanceof ExtensionLoadException load
                ? load
                : new ExtensionLoadException("cannot start extension '" + name + "': " + e, e);
        List<String> tail = extension == null ? List.of() : extension.stderrTail();
        if (tail.isEmpty()) {
            return base;
        }
        return new ExtensionLoadException(
                base.getMessage() + "\nlast lines of its stderr:\n  " + String.join("\n  ", tail),
                base.getCause() != null ? base.getCause() : base);
    }

    private static long remainingMillis(long deadline) {
        return TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
    }

    private static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            log.debug("closing {}", closeable, e);
        }
    }
}
