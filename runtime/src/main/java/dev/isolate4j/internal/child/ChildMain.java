package dev.isolate4j.internal.child;

import dev.isolate4j.ExtensionBase;
import dev.isolate4j.internal.DaemonThreads;
import dev.isolate4j.internal.QuietMachine;
import dev.isolate4j.internal.child.logging.ExtensionSlf4j;
import dev.isolate4j.internal.child.logging.HostLog;
import dev.isolate4j.internal.child.logging.JulToHost;
import dev.isolate4j.internal.framing.Frame;
import dev.isolate4j.internal.framing.FrameException;
import dev.isolate4j.internal.framing.FrameType;
import dev.isolate4j.internal.framing.FrameWriter;
import dev.isolate4j.internal.framing.HeapRoom;
import dev.isolate4j.internal.protocol.CallHeader;
import dev.isolate4j.internal.protocol.Hello;
import dev.isolate4j.internal.protocol.MemoryStatus;
import dev.isolate4j.internal.protocol.Ready;
import dev.isolate4j.internal.protocol.RemoteErrors;
import dev.isolate4j.internal.protocol.ThreadDump;
import dev.isolate4j.internal.rpc.ConnectionSettings;
import dev.isolate4j.internal.rpc.Ends;
import dev.isolate4j.internal.rpc.LocalObject;
import dev.isolate4j.internal.rpc.LocalObjects;
import dev.isolate4j.internal.rpc.ObjectLookup;
import dev.isolate4j.internal.rpc.RemoteInterfaces;
import dev.isolate4j.internal.rpc.RpcConnection;
import dev.isolate4j.internal.serialization.PayloadSerializer;
import dev.isolate4j.internal.sharedmemory.SegmentAreas;
import dev.isolate4j.internal.sharedmemory.SharedMemoryPolicy;
import dev.isolate4j.internal.transport.Relay;
import dev.isolate4j.spi.RemoteInterface;
import java.io.ByteArrayOutputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.URLClassLoader;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The child JVM's entry point: reads its secret from stdin, connects to the host, loads the
 * extension, runs its hooks, reports READY, then serves calls until the host asks it to stop or
 * the connection closes.
 *
 * <p>The child also exits when its stdin reaches end of file: the host holds the other end of that
 * pipe, so a host that dies, even by {@code kill -9}, takes its children with it.
 */
public final class ChildMain {
    private static final int EXIT_LOAD_FAILED = 2;
    private static final int EXIT_HOST_GONE = 3;
    /** The longest a child waits for a quiet machine to build Fory in; then its first use does. */
    private static final Duration PREBUILD_WAIT = Duration.ofSeconds(30);

    /** How long a waiting child lets a debugger that just attached set its breakpoints. */
    private static final long DEBUGGER_SETTLE_MILLIS = 1_000;

    private final ChildArguments arguments;
    private final CompletableFuture<Void> shutdownRequested = new CompletableFuture<>();
    private RpcConnection connection;

    private ChildMain(ChildArguments arguments) {
        this.arguments = arguments;
    }

    /**
     * Runs the child: reads the secret from stdin, connects to the host and loads the extension.
     *
     * @param args the arguments {@link ChildArguments#toArgs()} wrote
     * @throws Exception when the child cannot run at all
     */
    public static void main(String[] args) throws Exception {
        boolean prestarted = args.length == 3 && args[0].equals(ChildArguments.AWAIT_EXTENSION);
        // Before any Fory is built, a warm-up's included: see PayloadSerializer.
        PayloadSerializer.logForyThroughSlf4j();
        String secret = readSecret(System.in);
        // A prestarted child is connected and has proven its secret before the host takes it: the
        // load that takes it only sends its arguments.
        SocketChannel early = prestarted ? connect(Path.of(args[1]), secret) : null;
        // java.util.logging is not initialized here: JulConfiguration, named on the command line,
        // routes it to the host whenever it initializes (its first record, or once the child is
        // ready and the machine quiet), and its initialization searches every jar of the class path.
        if (prestarted && Boolean.parseBoolean(args[2])) {
            ExtensionSlf4j.bindRuntimeFirst();
        }
        // A child that waits for its extension loads and rehearses what a start uses meanwhile, off
        // the load's clock. One whose arguments came while it started (started ahead of an
        // environment that was ready at once) has no time to spare: a warm-up would only take the
        // processors from its own start, and from those of the children started with it.
        boolean warmingUp = prestarted && System.in.available() == 0;
        if (warmingUp) {
            DaemonThreads.start("isolate4j-warm-up", PrestartWarmUp::run);
        }
        ChildArguments arguments = prestarted ? awaitArguments(System.in) : ChildArguments.parse(args);
        if (warmingUp) {
            PrestartWarmUp.stop();
        }
        // Without Fory's code generation, whatever the isolation: generating serializers loads a
        // compiler and keeps its classes and the generated ones, 5 MiB of an idle child's 60 after a
        // burst of calls with records (docs/memory.md), for about 0.1 µs a record.
        PayloadSerializer serializer = new PayloadSerializer(
                false, arguments.sharedMemory() ? null : SharedMemoryPolicy.disabledReason(arguments.name()));
        Thread hostWatch = DaemonThreads.start("isolate4j-host-watch", () -> exitWhenHostGone(arguments));
        int status = new ChildMain(arguments).run(early, secret, serializer);
        removeSocket(arguments);
        // Out of its read first: the JVM's exit waits up to 300 ms for threads in native code, and a
        // blocked read of stdin is one (a host closing ten children waited that long for each).
        hostWatch.interrupt();
        hostWatch.join(100);
        System.exit(status);
    }

    /**
     * Serves the extension over {@code early}, the channel a prestarted child connected while it
     * waited, or over a new one that says HELLO now when {@code early} is {@code null}.
     */
    private int run(SocketChannel early, String secret, PayloadSerializer serializer) throws IOException {
        SocketChannel channel =
                early != null ? early : SocketChannel.open(UnixDomainSocketAddress.of(arguments.socket()));
        SegmentAreas segments = SegmentAreas.forChild(arguments.socket().getParent());
        ConnectionSettings settings = new ConnectionSettings(
                        arguments.maxFrameBytes(),
                        arguments.callTimeout(),
                        new HeapRoom(
                                "extension '" + arguments.name() + "'",
                                "raise its ExtensionConfig.maxHeap, or pass such data as a SharedBuffer"))
                .servingCalls()
                .withSegments(segments.boxes());
        connection = new RpcConnection(
                arguments.name(),
                Ends.child(arguments.name()),
                channel,
                settings,
                serializer,
                new LocalObjects(ObjectLookup.NONE),
                this::onControl,
                io -> new IllegalStateException("the host closed the connection"));
        if (early == null) {
            connection.sendControl(FrameType.HELLO, hello(secret));
        }
        connection.start();
        HostLog.connect(connection);
        if (arguments.isolated()) {
            ExtensionSlf4j.bindRuntimeFirst(); // a prestarted child's did it already: a no-op then
        }
        ExtensionBase extension;
        try {
            relayDebugger();
            extension = loadAndReport();
            // Fory, the slowest part of a start, is built once the extension is ready (calls with
            // simple values need none, and an interface whose values are all simple never builds it)
            // and the machine is quiet: the build and the compilers working
            // on it take more processor time than the rest of the start, which the starts of more
            // extensions and the host's calls need. A call that needs Fory first builds it. So are
            // java.util.logging and a non-isolated child's SLF4J initialized, for the same reason
            // (see JulConfiguration, DaemonThreads), unless something logs first.
            QuietMachine.runWhenQuiet("isolate4j-fory-prebuild", PREBUILD_WAIT, () -> {
                serializer.prebuildIfNeeded();
                JulToHost.initialize();
                ExtensionSlf4j.bindRuntimeFirst();
            });
        } catch (Throwable t) {
            connection.sendControl(FrameType.LOAD_FAILED, RemoteErrors.encode(t));
            connection.close(t);
            return EXIT_LOAD_FAILED;
        }
        CompletableFuture.anyOf(shutdownRequested, connection.closed()).join();
        if (shutdownRequested.isDone()) {
            stopQuietly(extension);
        }
        connection.close(new IllegalStateException("extension stopped"));
        segments.close();
        return 0;
    }

    /**
     * Connects a prestarted child to its host and says HELLO, before it knows its extension. The
     * host sends nothing on the channel until it has the child's connection, which the child makes
     * once its arguments come: nothing read here is lost.
     */
    private static SocketChannel connect(Path socket, String secret) throws IOException {
        SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket));
        new FrameWriter(channel).write(FrameType.HELLO, 0, hello(secret));
        return channel;
    }

    private static ByteBuffer hello(String secret) {
        return new Hello(Hello.PROTOCOL_VERSION, secret, pid()).encode();
    }

    /**
     * A child without network is debugged through a socket in its private directory, relayed here to
     * its JDWP agent on its own loopback. Its agent cannot suspend it, since this relay must run:
     * asked to wait, it waits for the debugger's connection, then a moment for its breakpoints.
     */
    private void relayDebugger() throws IOException, InterruptedException {
        if (arguments.debugRelay() == null) {
            return;
        }
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(arguments.debugRelay()));
        Relay relay = Relay.start(
                "isolate4j-debug",
                server,
                new InetSocketAddress(InetAddress.getLoopbackAddress(), ChildArguments.DEBUG_AGENT_PORT));
        if (arguments.debugWait()) {
            relay.firstConnection().join();
            Thread.sleep(DEBUGGER_SETTLE_MILLIS);
        }
    }

    private ExtensionBase loadAndReport() throws Exception {
        ChildSession session = new ChildSession(connection, arguments.callTimeout());
        ExtensionLoader.Loaded loaded = ExtensionLoader.load(
                arguments.name(),
                arguments.modulePath(),
                extensionClassPath(),
                arguments.isolated(),
                arguments.moduleFirst());
        ClassLoader loader = loaded.module().classLoader();
        Class<?> type = Class.forName(arguments.extensionType(), false, loader);
        ExtensionBase extension = loaded.extension();
        if (!type.isInstance(extension)) {
            throw new IllegalStateException(extension.getClass().getName() + " does not implement the extension"
                    + " interface " + type.getName() + " the host's ExtensionManager expects");
        }
        ExtensionAccess access = ExtensionAccess.get();
        access.attach(extension, session);
        for (String api : arguments.apis()) {
            session.useRemote(Class.forName(api, false, loader));
        }
        // Before READY, so before any call: those the extension's class path provides.
        connection.useInterceptors(ChildInterceptors.load((URLClassLoader) loader, arguments.interceptors()));
        access.beforeModuleLoaded(extension);
        access.onModuleLoaded(extension, loaded.module());
        RemoteInterface<?> descriptor = export(type, extension);
        connection.sendControl(FrameType.READY, Ready.of(descriptor).encode());
        return extension;
    }

    private List<Path> extensionClassPath() throws IOException {
        if (!arguments.isolated()) {
            return List.of();
        }
        return Files.readAllLines(arguments.classPathFile(), StandardCharsets.UTF_8).stream()
                .filter(line -> !line.isBlank())
                .map(Path::of)
                .toList();
    }

    private <T> RemoteInterface<T> export(Class<T> type, Object extension) {
        RemoteInterface<T> descriptor = RemoteInterfaces.of(type);
        connection.serializer().register(descriptor);
        connection.localObjects().register(CallHeader.EXTENSION_OBJECT_ID, LocalObject.of(descriptor, extension));
        return descriptor;
    }

    private void onControl(Frame frame) throws IOException {
        switch (frame.type()) {
            case SHUTDOWN -> shutdownRequested.complete(null);
            case MEMORY_QUERY ->
                connection.sendControl(
                        FrameType.MEMORY, frame.callId(), new MemoryStatus(MemoryReport.current()).encode());
            // Answered here, on the reader: a child whose reader is blocked must look unresponsive.
            case PING -> connection.sendControl(FrameType.PONG, frame.callId(), ByteBuffer.allocate(0));
            case THREAD_DUMP_QUERY ->
                connection.sendControl(FrameType.THREAD_DUMP, frame.callId(), ThreadDump.current());
            default -> throw new FrameException("unexpected " + frame.type() + " frame sent to an extension");
        }
    }

    private static void stopQuietly(ExtensionBase extension) {
        try {
            extension.stop().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            System.err.println("isolate4j: the extension's stop() failed: " + e);
        }
    }

    private static String readSecret(InputStream in) throws IOException {
        String line = readLine(in);
        if (line.isEmpty()) {
            throw new IllegalStateException("no secret on stdin; this process is started by ExtensionManager");
        }
        return line;
    }

    /**
     * A prestarted child's arguments, the line after its secret. The host writes both once it takes
     * the child for an extension; a host that closes the child's stdin first ends it here.
     */
    private static ChildArguments awaitArguments(InputStream in) throws IOException {
        String line = readLine(in);
        if (line.isEmpty()) {
            Runtime.getRuntime().halt(EXIT_HOST_GONE);
        }
        return ChildArguments.parseLine(line);
    }

    private static String readLine(InputStream in) throws IOException {
        // Byte by byte, without a buffering reader: what follows the line belongs to exitWhenHostGone.
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
            line.write(b);
        }
        return line.toString(StandardCharsets.UTF_8);
    }

    private static void exitWhenHostGone(ChildArguments arguments) {
        // A channel, not System.in: an interrupt ends its read, so that a child exiting on its own
        // leaves no thread blocked in native code (see main).
        try (FileChannel stdin = new FileInputStream(FileDescriptor.in).getChannel()) {
            ByteBuffer buffer = ByteBuffer.allocate(64);
            while (stdin.read(buffer.clear()) >= 0) {
                // the host writes nothing after the secret
            }
        } catch (ClosedByInterruptException e) {
            return; // main is exiting: the host is still there
        } catch (IOException ignored) {
            // a broken pipe means the same as end of file: the host is gone
        }
        removeSocket(arguments); // a host killed by SIGKILL could not remove it
        Runtime.getRuntime().halt(EXIT_HOST_GONE);
    }

    private static void removeSocket(ChildArguments arguments) {
        try {
            Files.deleteIfExists(arguments.socket());
            Files.deleteIfExists(arguments.socket().getParent());
        } catch (IOException e) {
            // the host removes it when it can; nothing more to do on the way out
        }
    }

    private static long pid() {
        return ProcessHandle.current().pid();
    }
}
