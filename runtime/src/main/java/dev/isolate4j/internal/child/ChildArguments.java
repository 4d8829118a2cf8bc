package dev.isolate4j.internal.child;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
        Path classPathFile,
        boolean sharedMemory,
        List<String> apis,
        Duration callTimeout,
        int maxFrameBytes) {

    public ChildArguments {
        apis = List.copyOf(apis);
    }

    /** Whether the extension is isolated: it then has a class path of its own, listed in a file. */
    public boolean isolated() {
        return classPathFile != null;
    }

    public List<String> toArgs() {
        List<String> args = new ArrayList<>(List.of(
                "--socket", socket.toString(),
                "--name", name,
                "--type", extensionType,
                "--module", modulePath.toString(),
                "--class-path-file", classPathFile == null ? "" : classPathFile.toString(),
                "--shared-memory", Boolean.toString(sharedMemory),
                "--call-timeout-ms", Long.toString(callTimeout.toMillis()),
                "--max-frame-bytes", Integer.toString(maxFrameBytes)));
        for (String api : apis) {
            args.add("--api");
            args.add(api);
        }
        return args;
    }

    public static ChildArguments parse(String[] args) {
        Path socket = null;
        String name = null;
        String type = null;
        Path module = null;
        Path classPathFile = null;
        boolean sharedMemory = false;
        Duration timeout = null;
        int maxFrameBytes = 0;
        List<String> apis = new ArrayList<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            String value = args[i + 1];
            switch (args[i]) {
                case "--socket" -> socket = Path.of(value);
                case "--name" -> name = value;
                case "--type" -> type = value;
                case "--module" -> module = Path.of(value);
                case "--class-path-file" -> classPathFile = value.isEmpty() ? null : Path.of(value);
                case "--shared-memory" -> sharedMemory = Boolean.parseBoolean(value);
                case "--call-timeout-ms" -> timeout = Duration.ofMillis(Long.parseLong(value));
                case "--max-frame-bytes" -> maxFrameBytes = Integer.parseInt(value);
                case "--api" -> apis.add(value);
                default -> throw new IllegalArgumentException("unknown child argument " + args[i]);
            }
        }
        if (socket == null || name == null || type == null || module == null || timeout == null || maxFrameBytes == 0) {
            throw new IllegalArgumentException("incomplete child arguments " + List.of(args)
                    + "; this process is started by ExtensionManager, not by hand");
        }
        return new ChildArguments(
                socket, name, type, module, classPathFile, sharedMemory, apis, timeout, maxFrameBytes);
    }
}
