package dev.isolate4j.internal.process;

import dev.isolate4j.ExtensionMemory;
import dev.isolate4j.ExtensionTerminatedException;
import dev.isolate4j.internal.DaemonThreads;
import dev.isolate4j.internal.ProcessExits;
import dev.isolate4j.internal.cgroup.ChildCgroup;
import dev.isolate4j.internal.framing.Frame;
import dev.isolate4j.internal.framing.FrameException;
import dev.isolate4j.internal.framing.FrameType;
import dev.isolate4j.internal.framing.HeapRoom;
import dev.isolate4j.internal.protocol.Event;
import dev.isolate4j.internal.protocol.LogEvent;
import dev.isolate4j.internal.protocol.MemoryStatus;
import dev.isolate4j.internal.protocol.Ready;
import dev.isolate4j.internal.protocol.RemoteErrors;
import dev.isolate4j.internal.protocol.ThreadDump;
import dev.isolate4j.internal.rpc.ConnectionSettings;
import dev.isolate4j.internal.rpc.Ends;
import dev.isolate4j.internal.rpc.LocalObjects;
import dev.isolate4j.internal.rpc.RpcConnection;
import dev.isolate4j.internal.serialization.PayloadSerializer;
import dev.isolate4j.internal.sharedmemory.SegmentAreas;
import dev.isolate4j.internal.sharedmemory.SharedMemoryFiles;
import dev.isolate4j.internal.sharedmemory.SharedMemoryPolicy;
import dev.isolate4j.internal.transport.SocketDirectory;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running extension seen from the host: its process, its connection, its socket directory, and
 * the rules for stopping it and for telling a stop from a crash.
 */
final class ExtensionProcess {
    private static final Logger log = LoggerFactory.getLogger(ExtensionProcess.class);
    private static final Duration EXIT_GRACE = Duration.ofMillis(100);
    private static final Duration DESTROY_GRACE = Duration.ofSeconds(1);
    private static final long DRAIN_MILLIS = 1_000;

    private final String name;
    private final Process process;
    /** The process's exit, seen by a thread of ours (see {@link ProcessExits}). */
    private final CompletableFuture<Process> exited;

    private final SocketDirectory socketDirectory;
    private final OutputPump stdout;
    private final OutputPump stderr;
    private final LaunchSettings settings;
    private final HostServices services;
    /** The cgroup of the hard limits; {@code null} without. */
    private final ChildCgroup cgroup;
    /** Completes once the cgroup is removed, and what the kernel did to the child noted. */
    private final CompletableFuture<Void> cgroupRemoved;
    /** One thread, so that handlers see one extension's events in the order it emitted them. */
    private final ExecutorService events;

    private volatile Consumer<Throwable> crashListener = cause -> {};
    private final CompletableFuture<List<String>> ready = new CompletableFuture<>();
    private volatile RpcConnection connection;
    /** The child JVM's own pid, from its HELLO: under a sandbox, the process started is bubblewrap's. */
    private volatile long childPid;

    private volatile boolean stopping;
    private CompletableFuture<Void> stopped; // guarded by this

    private volatile Runnable beforeDirectoryRemoved = () -> {};

    /** The child's answers awaited: memory, threads, the health check's probe. */
    private final ControlQueries queries = new ControlQueries();

    /** Why the host ended the child itself (the health check), for the pending calls' error. */
    private volatile String endedBecause;

    private volatile Runnable stopHealthWatch = () -> {};

    /** The JDWP agent's way in, or {@code null} when the child is not debugged. */
    private volatile DebugAgent debugAgent;

    ExtensionProcess(
            String name,
            Process process,
            SocketDirectory socketDirectory,
            LaunchSettings settings,
            HostServices services,
            ChildCgroup cgroup) {
        this(name, process, null, null, socketDirectory, settings, services, cgroup);
    }

    /**
     * An extension's process, whose output {@code pumps} read already, and whose exit {@code
     * watchedExit} watches already, when not {@code null} (a prestarted child's, from its start);
     * new pumps and a new watch start otherwise.
     */
    ExtensionProcess(
            String name,
            Process process,
            OutputPump.Pair pumps,
            CompletableFuture<Process> watchedExit,
            SocketDirectory socketDirectory,
            LaunchSettings settings,
            HostServices services,
            ChildCgroup cgroup) {
        this.name = name;
        this.cgroup = cgroup;
        this.exited = watchedExit != null ? watchedExit : ProcessExits.watch(process, "isolate4j-" + name + "-exit");
        // Removed once the process is gone; it first notes whether the kernel killed it.
        this.cgroupRemoved =
                cgroup == null ? CompletableFuture.completedFuture(null) : this.exited.thenRun(cgroup::remove);
        this.services = services;
        this.events = Executors.newSingleThreadExecutor(DaemonThreads.factory("isolate4j-" + name + "-events"));
        this.process = process;
        this.socketDirectory = socketDirectory;
        this.settings = settings;
        Logger childLog = LoggerFactory.getLogger("isolate4j.extension." + name);
        OutputPump.Pair output = pumps != null ? pumps : OutputPump.Pair.start(process, childLog, name);
        output.adopt(childLog, name);
        this.stdout = output.stdout();
        this.stderr = output.stderr();
    }

    /** Opens the RPC connection over the accepted, authenticated channel. */
    void connect(SocketChannel channel) {
        SegmentAreas segments = SegmentAreas.forHost(socketDirectory.areaFiles());
        RpcConnection connection = new RpcConnection(
                name,
                Ends.host(name),
                channel,
                new ConnectionSettings(
                                settings.maxFrameBytes(),
                                settings.callTimeout(),
                                new HeapRoom(
                                        "the host", "give the host a larger -Xmx, or pass such data as a SharedBuffer"))
                        .withSegments(segments.boxes()),
                new PayloadSerializer(true, settings.sharedMemory() ? null : SharedMemoryPolicy.disabledReason(name)),
                new LocalObjects(services.objects()),
                this::onControl,
                this::peerGoneCause);
        connection.useInterceptors(settings.interceptors());
        connection.closed().whenComplete((cause, error) -> {
            segments.close();
            onConnectionClosed(cause);
        });
        this.connection = connection;
        connection.start();
    }

    /** Completes with the extension's interface signatures once it reported READY. */
    CompletableFuture<List<String>> ready() {
        return ready;
    }

    Process process() {
        return process;
    }

    /** The last lines of the child's stderr, after giving the stream a moment to drain. */
    List<String> stderrTail() {
        stderr.awaitEnd(EXIT_GRACE.toMillis());
        return stderr.tail();
    }

    RpcConnection connection() {
        return connection;
    }

    /**
     * Asks the child for its memory.
     *
     * @param timeout how long to wait for the answer
     * @return its answer, or {@link ExtensionMemory#UNKNOWN} when it is not connected or did not
     *     answer in time
     */
    CompletableFuture<ExtensionMemory> memory(Duration timeout) {
        RpcConnection current = connection;
        if (current == null || !current.isOpen()) {
            return CompletableFuture.completedFuture(ExtensionMemory.UNKNOWN);
        }
        return queries.ask(current, FrameType.MEMORY_QUERY, timeout)
                .thenApply(body -> decodeMemory(body))
                .exceptionally(error -> ExtensionMemory.UNKNOWN);
    }

    private ExtensionMemory decodeMemory(ByteBuffer body) {
        try {
            return MemoryStatus.decode(body).memory();
        } catch (FrameException e) {
            log.warn("extension '{}': malformed MEMORY answer: {}", name, e.getMessage());
            return ExtensionMemory.UNKNOWN;
        }
    }

    /**
     * Asks the child for its threads.
     *
     * @return the dump; or completes exceptionally when it is not connected or did not answer within
     *     {@code timeout}
     */
    CompletableFuture<String> threadDump(Duration timeout) {
        RpcConnection current = connection;
        if (current == null || !current.isOpen()) {
            return CompletableFuture.failedFuture(
                    new ExtensionTerminatedException(name, "is not connected", null, List.of(), null));
        }
        return queries.ask(current, FrameType.THREAD_DUMP_QUERY, timeout).thenApply(ThreadDump::decode);
    }

    /**
     * Sends the health check's probe.
     *
     * @return completes when the child answered; exceptionally when it did not within {@code timeout}
     */
    CompletableFuture<ByteBuffer> ping(Duration timeout) {
        RpcConnection current = connection;
        if (current == null || !current.isOpen()) {
            return CompletableFuture.failedFuture(new IllegalStateException("not connected"));
        }
        return queries.ask(current, FrameType.PING, timeout);
    }

    /** The child runs with a JDWP agent, reached through {@code agent}, closed with the process. */
    void debugging(DebugAgent agent) {
        debugAgent = agent;
    }

    /** {@return the host's port a debugger attaches to, or 0 when the child is not debugged} */
    int debugPort() {
        DebugAgent agent = debugAgent;
        return agent == null ? 0 : agent.port();
    }

    /** Starts the health check, once the process is the extension's: a start is watched by its timeout. */
    void watchHealth() {
        stopHealthWatch = HealthWatch.start(name, this, settings.healthCheck());
    }

    /**
     * Ends the child because the host gave up on it; its pending calls fail saying {@code why}.
     *
     * @param why what the host saw, e.g. "stopped answering for 5 s (HealthCheck)"
     */
    void end(String why) {
        endedBecause = why;
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    /** Called once, with the cause, when the extension goes away without being stopped. */
    void onCrash(Consumer<Throwable> listener) {
        crashListener = listener;
    }

    String name() {
        return name;
    }

    long pid() {
        long pid = childPid;
        return pid != 0 ? pid : process.pid();
    }

    void childPid(long pid) {
        this.childPid = pid;
    }

    boolean isAlive() {
        return process.isAlive() && connection != null && connection.isOpen();
    }

    synchronized CompletableFuture<Void> stop() {
        if (stopped == null) {
            stopping = true;
            sendShutdown();
            stopped = exitWithin(settings.stopTimeout())
                    .thenCompose(exited -> exited ? CompletableFuture.completedFuture(true) : destroy())
                    .handle((exited, error) -> {
                        // The child's last lines must reach the log before stop() returns.
                        stdout.awaitEnd(DRAIN_MILLIS);
                        stderr.awaitEnd(DRAIN_MILLIS);
                        release(new ExtensionTerminatedException(name, "was stopped", exitStatus(), List.of(), null));
                        return null;
                    });
        }
        return stopped;
    }

    /**
     * Ends the process at once, and the child JVM a sandbox runs under it, and waits a moment for
     * them to be gone; used when the launch fails half way.
     */
    void kill() {
        stopping = true;
        // Found before bubblewrap dies: then its child is no longer its descendant.
        List<ProcessHandle> processes = new ArrayList<>(process.descendants().toList());
        processes.add(process.toHandle());
        processes.forEach(ProcessHandle::destroyForcibly);
        try {
            if (!ProcessExits.awaitGone(processes, DESTROY_GRACE)) {
                log.debug("extension '{}': pids {} did not all exit within {}", name, processes, DESTROY_GRACE);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        release(new ExtensionTerminatedException(name, "failed to load", null, List.of(), null));
    }

    private void sendShutdown() {
        RpcConnection current = connection;
        if (current == null) {
            return;
        }
        try {
            current.sendControl(FrameType.SHUTDOWN, ByteBuffer.allocate(0));
        } catch (IOException e) {
            log.debug("extension '{}': cannot send SHUTDOWN, its connection is closed", name, e);
        }
    }

    private CompletableFuture<Boolean> destroy() {
        process.destroy();
        return exitWithin(DESTROY_GRACE).thenCompose(inTime -> {
            if (inTime) {
                return CompletableFuture.completedFuture(true);
            }
            log.warn("extension '{}' did not exit when asked; killing it", name);
            process.destroyForcibly();
            return exited.thenApply(p -> true);
        });
    }

    private CompletableFuture<Boolean> exitWithin(Duration timeout) {
        return exited.thenApply(p -> true).completeOnTimeout(false, timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Runs {@code task} once the child is gone, just before its socket directory, and what the
     * child wrote there, is removed.
     */
    void beforeDirectoryRemoved(Runnable task) {
        this.beforeDirectoryRemoved = task;
    }

    private void release(Throwable cause) {
        RpcConnection current = connection;
        if (current != null) {
            current.close(cause);
        }
        events.shutdown();
        stopHealthWatch.run();
        queries.failAll(cause);
        DebugAgent agent = debugAgent;
        if (agent != null) {
            try {
                agent.close();
            } catch (IOException e) {
                log.debug("extension '{}': closing the debugger's port", name, e);
            }
        }
        // The child's buffers die with it; once it has exited, nobody else will remove them.
        if (process.isAlive()) {
            exited.thenRun(() -> SharedMemoryFiles.removeOwnedBy(pid()));
        } else {
            SharedMemoryFiles.removeOwnedBy(pid()); // before stop() completes
        }
        try {
            beforeDirectoryRemoved.run();
        } catch (RuntimeException e) {
            log.warn("extension '{}': failed on its way out", name, e);
        }
        try {
            socketDirectory.close();
        } catch (IOException e) {
            log.warn("extension '{}': cannot remove its socket directory {}", name, socketDirectory.directory(), e);
        }
    }

    private void onControl(Frame frame) throws FrameException {
        switch (frame.type()) {
            case READY -> ready.complete(Ready.decode(frame.body()).signatures());
            case LOAD_FAILED ->
                ready.completeExceptionally(RemoteErrors.decode(frame.body(), new StackTraceElement[0]));
            case EVENT -> onEvent(frame);
            case LOG -> {
                LogEvent event = LogEvent.decode(frame.body());
                events.execute(() -> ChildLogs.log(name, event));
            }
            case MEMORY, PONG, THREAD_DUMP -> queries.answer(frame);
            default -> throw new FrameException("unexpected " + frame.type() + " frame from extension '" + name + "'");
        }
    }

    private void onEvent(Frame frame) throws FrameException {
        Event event = Event.decode(frame.body());
        String eventName = event.name();
        Object payload;
        try {
            payload = connection.serializer().deserialize(event.payload());
        } catch (RuntimeException e) {
            log.warn(
                    "extension '{}': dropped event '{}': cannot deserialize its payload: {}",
                    name,
                    eventName,
                    e.toString());
            return;
        }
        try {
            events.execute(() -> services.events().accept(name, eventName, payload));
        } catch (RejectedExecutionException e) {
            log.debug("extension '{}' is stopping: dropped event '{}'", name, eventName);
        }
    }

    private Throwable peerGoneCause(IOException ioErrorOrNull) {
        if (stopping) {
            return new ExtensionTerminatedException(name, "was stopped", exitStatus(), List.of(), null);
        }
        Integer status = exitWithin(EXIT_GRACE).join() ? process.exitValue() : null;
        String what = status == null ? "closed its connection" : "terminated unexpectedly";
        String outOfMemory = status == null ? null : outOfMemoryLine();
        Optional<String> killed = status == null || cgroup == null ? Optional.empty() : memoryKill();
        if (endedBecause != null) {
            what = endedBecause;
        } else if (killed.isPresent()) {
            what = "ran out of memory: " + killed.get() + "; raise its HardLimits memory, or make it hold less";
        } else if (outOfMemory != null) {
            what = "ran out of memory (its maxHeap is " + settings.maxHeap() + "): " + outOfMemory
                    + "; raise ExtensionConfig.maxHeap, or make the extension hold less";
        }
        return new ExtensionTerminatedException(name, what, status, stderrTail(), ioErrorOrNull);
    }

    /** Whether the cgroup's memory limit killed the child, once the group is gone. */
    private Optional<String> memoryKill() {
        try {
            cgroupRemoved.get(DESTROY_GRACE.toMillis() * 3, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            log.debug("extension '{}': its cgroup was not removed in time", name, e);
        }
        return cgroup.memoryKill();
    }

    /**
     * The JVM's own last words when {@code -XX:+ExitOnOutOfMemoryError} ended it ("Terminating due
     * to java.lang.OutOfMemoryError: Java heap space"), which it prints on stdout; {@code null} when
     * it ended otherwise.
     */
    private String outOfMemoryLine() {
        stdout.awaitEnd(EXIT_GRACE.toMillis());
        List<String> lines = stdout.tail();
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).contains("java.lang.OutOfMemoryError")) {
                return lines.get(i);
            }
        }
        return null;
    }

    private void onConnectionClosed(Throwable cause) {
        ready.completeExceptionally(cause);
        if (!stopping) {
            log.warn("extension '{}' is gone: {}", name, cause.getMessage());
            release(cause);
            crashListener.accept(cause);
        }
    }

    private Integer exitStatus() {
        return process.isAlive() ? null : process.exitValue();
    }
}
