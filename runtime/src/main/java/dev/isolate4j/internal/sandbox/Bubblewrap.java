package dev.isolate4j.internal.sandbox;

import dev.isolate4j.ExtensionLoadException;
import dev.isolate4j.SandboxConfig;
import dev.isolate4j.SandboxMode;
import dev.isolate4j.internal.DaemonThreads;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Decides whether a child runs under bubblewrap, and finds out once whether bubblewrap works here. */
public final class Bubblewrap {
    private static final Logger log = LoggerFactory.getLogger(Bubblewrap.class);
    private static final AtomicBoolean UNUSABLE_LOGGED = new AtomicBoolean();
    /** The executables whose probe {@link #probeInBackground()} started. */
    private static final Set<String> PROBES_STARTED = ConcurrentHashMap.newKeySet();
    /** By executable: the probe runs once per JVM for each. */
    private static final Map<String, Optional<String>> UNUSABLE_REASONS = new ConcurrentHashMap<>();

    private Bubblewrap() {}

    /**
     * Whether to sandbox an extension with {@code config}.
     *
     * @param extensionName the extension's name, for messages
     * @param config the extension's sandbox settings
     * @return whether to run the child under bubblewrap
     *
     * @throws ExtensionLoadException when the sandbox is required and bubblewrap cannot run, saying how
     *     to fix it
     */
    public static boolean use(String extensionName, SandboxConfig config) {
        if (config.mode() == SandboxMode.DISABLED) {
            return false;
        }
        Optional<String> unusable = unusableReason();
        if (unusable.isEmpty()) {
            return true;
        }
        if (config.mode() == SandboxMode.REQUIRED) {
            throw new ExtensionLoadException("extension '" + extensionName + "' requires a sandbox, but bubblewrap"
                    + " cannot run here: " + unusable.get() + ". Install it (Debian/Ubuntu: apt-get install"
                    + " bubblewrap) on a Linux kernel that allows unprivileged user namespaces, or set"
                    + " SandboxMode.AUTO or DISABLED");
        }
        if (UNUSABLE_LOGGED.compareAndSet(false, true)) {
            log.info("extensions run without a sandbox: bubblewrap cannot run here ({})", unusable.get());
        }
        return false;
    }

    /**
     * Starts finding out whether bubblewrap runs here, on a thread of its own, unless that is known
     * or under way: the first sandboxed child of a JVM then need not wait for the probe (one {@code
     * bwrap} process, 10–40 ms on this project's machines) before it can start. A load that comes
     * before the probe ends waits for its end, as it would have waited for the whole probe.
     */
    public static void probeInBackground() {
        String executable = executable();
        if (!UNUSABLE_REASONS.containsKey(executable) && PROBES_STARTED.add(executable)) {
            DaemonThreads.start(
                    "isolate4j-bwrap-probe", () -> UNUSABLE_REASONS.computeIfAbsent(executable, Bubblewrap::probe));
        }
    }

    /** {@return whether {@code executable}'s probe has ended} */
    static boolean probed(String executable) {
        return UNUSABLE_REASONS.containsKey(executable);
    }

    /** {@return why bubblewrap cannot run here, or empty when it can} Tried once per JVM. */
    public static Optional<String> unusableReason() {
        return UNUSABLE_REASONS.computeIfAbsent(executable(), Bubblewrap::probe);
    }

    private static Optional<String> probe(String executable) {
        if (!System.getProperty("os.name", "")
                .toLowerCase(java.util.Locale.ROOT)
                .contains("linux")) {
            return Optional.of("bubblewrap runs only on Linux");
        }
        List<String> command = List.of(
                executable,
                "--ro-bind",
                "/",
                "/",
                "--proc",
                "/proc",
                "--dev",
                "/dev",
                "--unshare-ipc",
                "--unshare-net",
                "--die-with-parent",
                "true");
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return Optional.of("'" + String.join(" ", command) + "' did not finish within 10 s");
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return process.exitValue() == 0
                    ? Optional.empty()
                    : Optional.of("'bwrap' failed with status " + process.exitValue() + ": " + output);
        } catch (IOException e) {
            return Optional.of("no '" + executable + "' found: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted while trying bubblewrap");
        }
    }

    static String executable() {
        return System.getProperty("isolate4j.bwrap", "bwrap");
    }
}
