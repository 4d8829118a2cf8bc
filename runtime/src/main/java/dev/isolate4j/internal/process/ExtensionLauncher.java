package dev.isolate4j.internal.process;

import static dev.isolate4j.internal.Closeables.closeQuietly;

import dev.isolate4j.Debug;
import dev.isolate4j.ExtensionLoadException;
import dev.isolate4j.HardLimits;
import dev.isolate4j.SandboxConfig;
import dev.isolate4j.internal.cgroup.CgroupUnavailableException;
import dev.isolate4j.internal.cgroup.ChildCgroup;
import dev.isolate4j.internal.cgroup.HostCgroups;
import dev.isolate4j.internal.child.ChildArguments;
import dev.isolate4j.internal.classdata.ClassDataArchives;
import dev.isolate4j.internal.sandbox.Bubblewrap;
import dev.isolate4j.internal.sandbox.LinkedFiles;
import dev.isolate4j.internal.sandbox.SandboxCommand;
import dev.isolate4j.internal.transport.ChildAcceptor;
import dev.isolate4j.internal.transport.SocketDirectory;
import dev.isolate4j.spi.RemoteInterface;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a child JVM for an extension and brings it to READY: private socket, process, secret on
 * stdin, the authenticated accept ({@link ChildAcceptor}), then the extension's own READY with its
 * interface signatures.
 * Whatever fails on the way, the process is killed and its socket removed before the error is
 * thrown.
 */
final class ExtensionLauncher {
    private static final Logger log = LoggerFactory.getLogger(ExtensionLauncher.class);

    /**
     * What to start.
     *
     * @param classPath the child JVM's class path
     * @param extensionClassPathFile the file listing an isolated extension's own class path; {@code
     *     null} for an extension that shares the host's
     * @param archives the class-data archives children share; {@code null} for none
     * @param sandboxLinks where a sandboxed child's class-path jars are gathered; {@code null} to bind each
     * @param shape the child's JVM and sandbox, for a prestarted child to match; {@code null} when
     *     none may serve this launch (a debugged child, hard limits)
     * @param prestarted the manager's prestarted children; {@code null} when it keeps none
     * @param early a child started for this launch while its environment was prepared, or {@code
     *     null}
     */
    public record Launch(
            String name,
            Path javaHome,
            List<String> jvmArgs,
            Map<String, String> env,
            String classPath,
            Path modulePath,
            boolean moduleFirst,
            Path extensionClassPathFile,
            List<Path> extensionClassPath,
            List<String> apis,
            SandboxConfig sandbox,
            LaunchSettings settings,
            ClassDataArchives archives,
            LinkedFiles sandboxLinks,
            ChildShape shape,
            PrestartedChildren prestarted,
            EarlyChild early) {

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
     * @param started told of the process as soon as it exists, before it is ready: killing it cuts
     *     the launch short
     * @return the running process
     */
    public static ExtensionProcess launch(
            Launch launch,
            RemoteInterface<?> extensionInterface,
            HostServices services,
            Consumer<ExtensionProcess> started) {
        PrestartedChildren spares = launch.shape() == null ? null : launch.prestarted();
        try {
            return launch(launch, spares, extensionInterface, services, started);
        } finally {
            if (spares != null) {
                // Not while this load runs: a JVM starting beside it would take the CPUs it needs.
                spares.replaceSoon();
            }
        }
    }

    private static ExtensionProcess launch(
            Launch launch,
            PrestartedChildren spares,
            RemoteInterface<?> extensionInterface,
            HostServices services,
            Consumer<ExtensionProcess> started) {
        PrestartedChild prestarted =
                launch.early() == null ? null : launch.early().take();
        if (prestarted != null && !prestarted.isAlive()) {
            // Started for this load only: the load goes on without it, as it would have without one.
            prestarted.discardExited("extension '" + launch.name() + "' starts another child");
            prestarted = null;
        }
        if (prestarted == null && spares != null) {
            prestarted = spares.take(launch.shape(), launch.name());
        }
        if (prestarted != null) {
            PrestartedChild.Provided files = provide(prestarted, launch);
            if (files != null) {
                return PrestartedLaunch.launch(prestarted, files, launch, extensionInterface, services, started);
            }
        }
        Debug debug = launch.settings().debug();
        // A suspended child waits for its debugger, however long the developer takes.
        long deadline = debug != null && debug.suspend()
                ? System.nanoTime() + TimeUnit.DAYS.toNanos(365)
                : System.nanoTime() + launch.settings().startTimeout().toNanos();
        SocketDirectory directory;
        try {
            directory = SocketDirectory.create();
        } catch (IOException e) {
            throw new ExtensionLoadException(
                    "cannot create a private socket directory for extension '" + launch.name() + "' in /dev/shm"
                            + " or under " + System.getProperty("java.io.tmpdir") + ": " + e,
                    e);
        }
        ExtensionProcess extension = null;
        ChildCgroup cgroup = null;
        DebugAgent agent = null;
        ClassDataArchives.Plan classData = ClassDataArchives.Plan.NONE;
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(directory.socketPath()));
            String secret = ChildAcceptor.newSecret();
            classData = launch.classData(directory);
            cgroup = cgroupOf(launch);
            boolean sandboxed = Bubblewrap.use(launch.name(), launch.sandbox());
            if (debug != null) {
                agent = DebugAgent.prepare(
                        launch.name(), debug, sandboxed && !launch.sandbox().network(), directory);
            }
            extension = new ExtensionProcess(
                    launch.name(),
                    start(launch, directory, extensionInterface, classData, cgroup, sandboxed, agent),
                    directory,
                    launch.settings(),
                    services,
                    cgroup);
            if (agent != null) {
                extension.debugging(agent);
                agent.logWhereToAttach(launch.name());
            }
            extension.beforeDirectoryRemoved(classData.onGone());
            started.accept(extension);
            handOverSecret(extension.process(), secret);
            ExtensionProcess launched = extension;
            ChildAcceptor.Accepted child = ChildAcceptor.accept(
                    server, launch.name(), secret, deadline, () -> checkAlive(launched, deadline, "connect"));
            extension.childPid(child.hello().pid());
            extension.connect(child.channel());
            awaitReady(extension, extensionInterface, deadline, launch.modulePath(), launch.modulePath());
            classData.onReady().run();
            return extension;
        } catch (RuntimeException | IOException e) {
            classData.onFailed().run();
            ExtensionLoadException failure = describe(launch.name(), extension, e);
            if (extension != null) {
                extension.kill();
            } else {
                closeQuietly(agent);
                closeQuietly(directory);
                if (cgroup != null) {
                    cgroup.remove();
                }
            }
            throw failure;
        }
    }

    /** The extension's files as {@code child} reads them; {@code null} (and the child ended) when it cannot. */
    private static PrestartedChild.Provided provide(PrestartedChild child, Launch launch) {
        try {
            return child.provide(launch.modulePath(), launch.extensionClassPath(), launch.extensionClassPathFile());
        } catch (IOException e) {
            log.info(
                    "extension '{}' starts another child: the one started ahead cannot read its files ({})",
                    launch.name(),
                    e.toString());
            child.discard();
            return null;
        }
    }

    /** A new group for each process: the kernel's counts and its OOM kill are per process. */
    private static ChildCgroup cgroupOf(Launch launch) {
        HardLimits limits = launch.settings().hardLimits();
        if (limits.isNone()) {
            return null;
        }
        try {
            return ChildCgroup.create(launch.name(), limits, HostCgroups.detect());
        } catch (CgroupUnavailableException e) {
            throw new ExtensionLoadException("extension '" + launch.name() + "': " + e.getMessage(), e);
        }
    }

    private static Process start(
            Launch launch,
            SocketDirectory directory,
            RemoteInterface<?> extensionInterface,
            ClassDataArchives.Plan classData,
            ChildCgroup cgroup,
            boolean sandboxed,
            DebugAgent agent)
            throws IOException {
        ChildArguments arguments = childArguments(
                launch,
                directory.socketPath(),
                launch.modulePath(),
                launch.extensionClassPathFile(),
                extensionInterface,
                agent);
        List<String> command = new ArrayList<>();
        List<String> jvmArgs = new ArrayList<>();
        if (cgroup != null) {
            // The process joins its group, then execs bubblewrap or java: all it starts is counted.
            command.addAll(cgroup.commandPrefix());
            // Heap and thread pools sized to the limits: a sandboxed JVM does not see its cgroup.
            jvmArgs.addAll(cgroup.jvmOptions());
        }
        if (sandboxed) {
            command.addAll(SandboxCommand.prefix(launch.sandbox(), needsOf(launch, directory, classData)));
        }
        // The archive's options first: the user's own come after, and win.
        jvmArgs.addAll(classData.jvmOptions());
        if (agent != null) {
            jvmArgs.addAll(agent.jvmOptions());
        }
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
     * Waits for the child's READY. A child that read the module from {@code childModule} (a
     * prestarted child's hard link) has its failure name {@code userModule}, the path the user
     * configured, instead; a child given the user's path has the two the same.
     */
    static void awaitReady(
            ExtensionProcess extension, RemoteInterface<?> expected, long deadline, Path childModule, Path userModule) {
        List<String> signatures;
        try {
            signatures = extension.ready().get(Math.max(1, remainingMillis(deadline)), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            String message = String.valueOf(e.getCause().getMessage());
            if (!childModule.equals(userModule)) {
                message = message.replace(childModule.toString(), userModule.toString());
            }
            throw new ExtensionLoadException(
                    "extension '" + extension.name() + "' failed to load: " + message, e.getCause());
        } catch (TimeoutException e) {
            throw new ExtensionLoadException("extension '" + extension.name() + "' did not finish loading within the"
                    + " start timeout; raise ExtensionManagerConfig.startTimeout if its hooks need longer");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExtensionLoadException("interrupted while loading extension '" + extension.name() + "'", e);
        }
        InterfaceVersions.check(extension.name(), expected, signatures);
    }

    static void checkAlive(ExtensionProcess extension, long deadline, String step) {
        if (!extension.process().isAlive()) {
            throw new ExtensionLoadException("extension '" + extension.name() + "' exited with status "
                    + extension.process().exitValue() + " before it could " + step);
        }
        if (remainingMillis(deadline) <= 0) {
            throw new ExtensionLoadException("extension '" + extension.name() + "' did not " + step
                    + " within the start timeout; raise ExtensionManagerConfig.startTimeout if it needs longer");
        }
    }

    static ExtensionLoadException describe(String name, ExtensionProcess extension, Exception e) {
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

    /**
     * The arguments a child gets: the launch's, with the module path and class-path file it sees
     * (a prestarted child sees its own links), and the debugger's relay when {@code agent} is set.
     */
    static ChildArguments childArguments(
            Launch launch,
            Path socket,
            Path modulePath,
            Path classPathFile,
            RemoteInterface<?> extensionInterface,
            DebugAgent agent) {
        return new ChildArguments(
                socket,
                launch.name(),
                extensionInterface.type().getName(),
                modulePath,
                launch.moduleFirst(),
                classPathFile,
                launch.settings().sharedMemory(),
                launch.apis(),
                launch.settings().callTimeout(),
                launch.settings().maxFrameBytes(),
                agent == null ? null : agent.relaySocket(),
                agent != null && agent.childWaits(),
                launch.settings().childInterceptors());
    }

    static long remainingMillis(long deadline) {
        return TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
    }
}
