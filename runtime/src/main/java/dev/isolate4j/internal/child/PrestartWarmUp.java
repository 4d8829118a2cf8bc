package dev.isolate4j.internal.child;

import dev.isolate4j.internal.framing.Frame;
import dev.isolate4j.internal.framing.FrameType;
import dev.isolate4j.internal.framing.HeapRoom;
import dev.isolate4j.internal.protocol.CallHeader;
import dev.isolate4j.internal.protocol.Hello;
import dev.isolate4j.internal.protocol.Ready;
import dev.isolate4j.internal.rpc.ConnectionSettings;
import dev.isolate4j.internal.rpc.Ends;
import dev.isolate4j.internal.rpc.LocalObject;
import dev.isolate4j.internal.rpc.LocalObjects;
import dev.isolate4j.internal.rpc.ObjectLookup;
import dev.isolate4j.internal.rpc.RemoteInterfaces;
import dev.isolate4j.internal.rpc.RemoteObjectTarget;
import dev.isolate4j.internal.rpc.RpcConnection;
import dev.isolate4j.internal.serialization.PayloadSerializer;
import dev.isolate4j.spi.RemoteInterface;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.URISyntaxException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.logging.LogManager;
import java.util.stream.Stream;

/**
 * What a prestarted child does while it waits for its extension: it loads the runtime's classes
 * that a start and a first call use, then rehearses a start over a socket of its own, so that the
 * load that takes it pays for neither.
 *
 * <p>The rehearsal touches no global state a start sets up (the host's log, the extension's
 * loader): its connections are its own and closed. Nothing here fails the child: what cannot be
 * warmed now is warmed by the start, as without a warm-up.
 */
final class PrestartWarmUp {
    /** The packages a start and a call go through; the others (cgroups, plugins) wait for their use. */
    private static final List<String> PACKAGES = List.of(
            "dev/isolate4j/",
            "dev/isolate4j/internal/child/",
            "dev/isolate4j/internal/child/logging/",
            "dev/isolate4j/internal/rpc/",
            "dev/isolate4j/internal/framing/",
            "dev/isolate4j/internal/protocol/",
            "dev/isolate4j/internal/serialization/",
            "dev/isolate4j/internal/transport/",
            "dev/isolate4j/spi/");

    private static final WarmUpEcho ECHO = value -> value;

    /** Set once the child knows its extension: from then on its start warms what it uses. */
    private static volatile boolean stopped;

    private PrestartWarmUp() {}

    /**
     * Ends the warm-up at its next step: the start it rehearses has begun, and would otherwise
     * share the CPUs with it (a child taken at once by a load, or eight starting together).
     */
    static void stop() {
        stopped = true;
    }

    static void run() {
        ClassLoader loader = PrestartWarmUp.class.getClassLoader();
        for (String name : classNames()) {
            if (stopped) {
                return;
            }
            try {
                Class.forName(name, false, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                // loaded when used, if ever
            }
        }
        try {
            if (!stopped) {
                rehearse();
            }
        } catch (Exception | LinkageError e) {
            // what the rehearsal did not warm is warmed by the start itself
        }
    }

    /**
     * Runs what a start runs, between two connections of its own over a socket in a temporary
     * directory (in a sandbox, the child's own {@code /tmp}): a serializer used once, a connection
     * opened, a control frame sent and received, an object exported and called once, both closed.
     * Loading alone leaves the classes to link and initialize, and the code to run for the first
     * time, on the load's clock.
     */
    private static void rehearse() throws Exception {
        // java.util.logging, which the start routes to the host, initializes here, not on its clock.
        LogManager.getLogManager().getLogger("");
        rehearseLoading();
        if (stopped) {
            return;
        }
        PayloadSerializer warm = new PayloadSerializer(false, "warm-up");
        warm.deserialize(ByteBuffer.wrap(warm.serialize(new Object[] {"warm-up", 1, 2L, 3.0})));
        if (stopped) {
            return;
        }
        Path directory = Files.createTempDirectory("isolate4j-warm-up");
        Path socket = directory.resolve("s");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            SocketChannel client = SocketChannel.open(UnixDomainSocketAddress.of(socket));
            SocketChannel peer = server.accept();
            CompletableFuture<Frame> received = new CompletableFuture<>();
            RpcConnection sender = connection("warm-up", client, frame -> {});
            RpcConnection receiver = connection("warm-up-peer", peer, received::complete);
            sender.start();
            receiver.start();
            sender.sendControl(
                    FrameType.HELLO,
                    new Hello(
                                    Hello.PROTOCOL_VERSION,
                                    "warm-up",
                                    ProcessHandle.current().pid())
                            .encode());
            Hello.decode(received.get(5, TimeUnit.SECONDS));
            if (!stopped) { // a child taken while a loaded machine slowed its wait: the load goes first
                rehearseCall(sender, receiver);
            }
            IllegalStateException done = new IllegalStateException("warm-up done");
            sender.close(done);
            receiver.close(done);
        } finally {
            Files.deleteIfExists(socket);
            Files.deleteIfExists(directory);
        }
    }

    /**
     * Exports an object as a start exports the extension (its interface's annotation read, its
     * descriptor found and registered, READY's body written) and calls it once: the first call's
     * code, on both sides, then runs for the second time when the load's first call comes.
     */
    private static void rehearseCall(RpcConnection caller, RpcConnection server) {
        RemoteInterface<WarmUpEcho> descriptor = RemoteInterfaces.of(WarmUpEcho.class);
        server.serializer().register(descriptor);
        server.localObjects().register(CallHeader.EXTENSION_OBJECT_ID, LocalObject.of(descriptor, ECHO));
        Ready.of(descriptor).encode();
        RemoteObjectTarget.proxy(caller, CallHeader.EXTENSION_OBJECT_ID, descriptor, Duration.ofSeconds(5))
                .echo("warm-up");
    }

    /**
     * Looks for an extension in the runtime's own jar, through the loaders an isolated extension
     * gets: there is none, and what finds that out is what finds the extension at the start.
     */
    private static void rehearseLoading() throws URISyntaxException {
        CodeSource source = PrestartWarmUp.class.getProtectionDomain().getCodeSource();
        if (source == null) {
            return;
        }
        try {
            ExtensionLoader.load("warm-up", Path.of(source.getLocation().toURI()), List.of(), true, false);
        } catch (Exception expected) {
            // "no extension class found": the runtime holds none
        }
    }

    private static RpcConnection connection(
            String name, SocketChannel channel, RpcConnection.ControlHandler onControl) {
        return new RpcConnection(
                name,
                Ends.named(name),
                channel,
                new ConnectionSettings(1 << 20, Duration.ofSeconds(5), new HeapRoom("warm-up", "none")),
                new PayloadSerializer(false, "warm-up"),
                new LocalObjects(ObjectLookup.NONE),
                onControl,
                io -> new IllegalStateException("warm-up peer gone"));
    }

    /** The binary names of the classes of {@link #PACKAGES} where this class was loaded from. */
    private static List<String> classNames() {
        List<String> names = new ArrayList<>();
        try {
            CodeSource source = PrestartWarmUp.class.getProtectionDomain().getCodeSource();
            if (source == null) {
                return names;
            }
            Path location = Path.of(source.getLocation().toURI());
            if (Files.isDirectory(location)) {
                try (Stream<Path> files = Files.walk(location)) {
                    files.map(file -> location.relativize(file).toString().replace('\\', '/'))
                            .filter(PrestartWarmUp::wanted)
                            .forEach(entry -> names.add(binaryName(entry)));
                }
            } else {
                try (JarFile jar = new JarFile(location.toFile())) {
                    for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
                        String entry = entries.nextElement().getName();
                        if (wanted(entry)) {
                            names.add(binaryName(entry));
                        }
                    }
                }
            }
        } catch (IOException | URISyntaxException | RuntimeException e) {
            // no warm-up: the classes load when used
        }
        return names;
    }

    private static boolean wanted(String entry) {
        if (!entry.endsWith(".class") || entry.endsWith("module-info.class") || entry.endsWith("package-info.class")) {
            return false;
        }
        int slash = entry.lastIndexOf('/');
        return PACKAGES.contains(entry.substring(0, slash + 1));
    }

    private static String binaryName(String entry) {
        return entry.substring(0, entry.length() - ".class".length()).replace('/', '.');
    }
}
