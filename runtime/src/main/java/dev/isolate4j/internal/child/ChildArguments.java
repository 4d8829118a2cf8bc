package dev.isolate4j.internal.child;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * What the host tells the child on its command line. The secret is deliberately not here: it
 * travels on the child's stdin, where other users cannot read it.
 */
public record ChildArguments(
        Path socket,
        String name,
        String extensionType,
        Path modulePath,
        boolean moduleFirst,
        Path classPathFile,
        boolean sharedMemory,
        List<String> apis,
        Duration callTimeout,
        int maxFrameBytes,
        Path debugRelay,
        boolean debugWait,
        List<String> interceptors) {
    /**
     * Where a sandboxed child's JDWP agent listens, on the sandbox's own loopback, where nothing
     * else does; the child relays the debugger's connections to it.
     */
    public static final int DEBUG_AGENT_PORT = 5005;

    /**
     * The first command-line argument of a prestarted child, before its socket and whether its
     * extension will be isolated ({@code true} or {@code false}): it connects to the socket and
     * proves its secret while it waits, and reads its arguments, as {@link #toLine()} wrote them,
     * from stdin after its secret, once the host knows its extension.
     */
    public static final String AWAIT_EXTENSION = "--await-extension";

    /**
     * Copies {@code apis}.
     *
     * @param socket the host's socket the child connects to
     * @param name the extension's name
     * @param extensionType the binary name of the extension's {@code @Callee} interface
     * @param modulePath the jar or classes directory that holds the extension class
     * @param moduleFirst whether the child of a non-isolated extension looks for a class in the
     *     module before its class path, which the host found to hold none of the module's classes
     * @param classPathFile the file listing an isolated extension's class path, or {@code null}
     * @param sharedMemory whether shared buffers may cross
     * @param apis the names of the singleton interfaces the extension uses
     * @param callTimeout the longest a call waits for its result
     * @param maxFrameBytes the largest frame accepted
     * @param debugRelay where the child accepts the debugger's connections for its JDWP agent, when
     *     it has no network of its own; or {@code null}
     * @param debugWait whether the child waits for a debugger's connection before it loads the
     *     extension (a suspended debug start, through the relay)
     * @param interceptors the class names of the interceptors the host's class path provides, for a
     *     child on that class path
     */
    public ChildArguments {
        apis = List.copyOf(apis);
        interceptors = List.copyOf(interceptors);
    }

    /** {@return whether the extension is isolated} It then has a class path of its own, listed in a file. */
    public boolean isolated() {
        return classPathFile != null;
    }

    /** {@return the command-line arguments that {@link #parse} reads back} */
    public List<String> toArgs() {
        List<String> args = new ArrayList<>(List.of(
                "--socket", socket.toString(),
                "--name", name,
                "--type", extensionType,
                "--module", modulePath.toString(),
                "--module-first", Boolean.toString(moduleFirst),
                "--class-path-file", classPathFile == null ? "" : classPathFile.toString(),
                "--shared-memory", Boolean.toString(sharedMemory),
                "--call-timeout-ms", Long.toString(callTimeout.toMillis()),
                "--max-frame-bytes", Integer.toString(maxFrameBytes),
                "--debug-relay", debugRelay == null ? "" : debugRelay.toString(),
                "--debug-wait", Boolean.toString(debugWait)));
        for (String api : apis) {
            args.add("--api");
            args.add(api);
        }
        for (String interceptor : interceptors) {
            args.add("--interceptor");
            args.add(interceptor);
        }
        return args;
    }

    /**
     * {@return the arguments as one line for a prestarted child's stdin} Each argument is
     * base64-encoded, so that no path or name can break the line.
     */
    public String toLine() {
        List<String> encoded = new ArrayList<>();
        for (String arg : toArgs()) {
            encoded.add(Base64.getEncoder().encodeToString(arg.getBytes(StandardCharsets.UTF_8)));
        }
        return String.join(" ", encoded);
    }

    /**
     * Reads the line {@link #toLine()} wrote.
     *
     * @param line the line, without its end
     * @return the arguments
     */
    public static ChildArguments parseLine(String line) {
        List<String> args = new ArrayList<>();
        // Limit -1: an empty argument (no class-path file) is an empty token, kept in its place.
        for (String token : line.split(" ", -1)) {
            args.add(new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8));
        }
        return parse(args.toArray(String[]::new));
    }

    /**
     * Reads the arguments {@link #toArgs()} wrote.
     *
     * @param args the child's command-line arguments
     * @return the arguments
     */
    public static ChildArguments parse(String[] args) {
        Path socket = null;
        String name = null;
        String type = null;
        Path module = null;
        boolean moduleFirst = false;
        Path classPathFile = null;
        boolean sharedMemory = false;
        Duration timeout = null;
        int maxFrameBytes = 0;
        Path debugRelay = null;
        boolean debugWait = false;
        List<String> apis = new ArrayList<>();
        List<String> interceptors = new ArrayList<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            String value = args[i + 1];
            switch (args[i]) {
                case "--socket" -> socket = Path.of(value);
                case "--name" -> name = value;
                case "--type" -> type = value;
                case "--module" -> module = Path.of(value);
                case "--module-first" -> moduleFirst = Boolean.parseBoolean(value);
                case "--class-path-file" -> classPathFile = value.isEmpty() ? null : Path.of(value);
                case "--shared-memory" -> sharedMemory = Boolean.parseBoolean(value);
                case "--call-timeout-ms" -> timeout = Duration.ofMillis(Long.parseLong(value));
                case "--max-frame-bytes" -> maxFrameBytes = Integer.parseInt(value);
                case "--api" -> apis.add(value);
                case "--interceptor" -> interceptors.add(value);
                case "--debug-relay" -> debugRelay = value.isEmpty() ? null : Path.of(value);
                case "--debug-wait" -> debugWait = Boolean.parseBoolean(value);
                default -> throw new IllegalArgumentException("unknown child argument " + args[i]);
            }
        }
        if (socket == null || name == null || type == null || module == null || timeout == null || maxFrameBytes == 0) {
            throw new IllegalArgumentException("incomplete child arguments " + List.of(args)
                    + "; this process is started by ExtensionManager, not by hand");
        }
        return new ChildArguments(
                socket,
                name,
                type,
                module,
                moduleFirst,
                classPathFile,
                sharedMemory,
                apis,
                timeout,
                maxFrameBytes,
                debugRelay,
                debugWait,
                interceptors);
    }
}
