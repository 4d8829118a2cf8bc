package dev.isolate4j.it;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.isolate4j.ExtensionConfig;
import dev.isolate4j.ExtensionHandle;
import dev.isolate4j.ExtensionLoadException;
import dev.isolate4j.ExtensionManager;
import dev.isolate4j.SandboxConfig;
import dev.isolate4j.SandboxMode;
import dev.isolate4j.it.api.Chatter;
import dev.isolate4j.it.api.TestExtension;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Extensions in a required bubblewrap sandbox: what they cannot read, write or reach, and that
 * they die with their host. {@code .ci/run} installs bubblewrap where it is missing.
 */
class SandboxTest {
    @TempDir
    Path tmp;

    @Test
    void sandboxedExtensionCannotReadTheHostsFiles() throws Exception {
        Path secret = Files.writeString(tmp.resolve("secret.txt"), "the host's secret");
        Path inHome = Path.of(System.getProperty("user.home"), ".isolate4j-sandbox-test-secret");
        Files.writeString(inHome, "another secret");
        try (ExtensionManager<TestExtension> manager = Fixtures.manager(tmp.resolve("env"))) {
            Chatter chatter = chatter(manager, sandboxed(SandboxConfig.builder().mode(SandboxMode.REQUIRED)));

            assertThat(chatter.tryRead(secret.toString())).startsWith("java.nio.file.NoSuchFileException");
            assertThat(chatter.tryRead(inHome.toString())).startsWith("java.nio.file.NoSuchFileException");
        } finally {
            Files.deleteIfExists(inHome);
        }
    }

    @Test
    void sandboxedExtensionHasNoCapabilityAndCannotReadTheHostsProcessWhateverUserTheHostIs() throws Exception {
        try (ExtensionManager<TestExtension> manager = Fixtures.manager(tmp.resolve("env"))) {
            Chatter chatter = chatter(manager, sandboxed(SandboxConfig.builder().mode(SandboxMode.REQUIRED)));
            long host = ProcessHandle.current().pid();

            // A host running as root (as here, in CI) would otherwise hand its children all of root's capabilities.
            assertThat(chatter.tryRead("/proc/self/status")).containsMatch("(?m)^CapEff:\\s+0+$");
            assertThat(chatter.tryRead("/proc/" + host + "/environ")).contains("AccessDeniedException");
            assertThat(chatter.tryRead("/proc/" + host + "/maps")).contains("AccessDeniedException");
        }
    }

    @Test
    void sandboxedExtensionWritesOnlyWhereItIsAllowed() throws Exception {
        Path writable = Files.createDirectories(tmp.resolve("writable"));
        try (ExtensionManager<TestExtension> manager = Fixtures.manager(tmp.resolve("env"))) {
            Chatter chatter = chatter(
                    manager,
                    sandboxed(SandboxConfig.builder().mode(SandboxMode.REQUIRED).writablePaths(List.of(writable))));

            assertThat(chatter.tryWrite(writable.resolve("out.txt").toString(), "allowed"))
                    .isEqualTo("written");
            assertThat(Files.readString(writable.resolve("out.txt"))).isEqualTo("allowed");
            assertThat(chatter.tryWrite("/usr/isolate4j-sandbox-test.txt", "denied"))
                    .contains("Read-only file system");
            assertThat(Files.exists(Path.of("/usr/isolate4j-sandbox-test.txt"))).isFalse();
            // /tmp is the extension's own: what it writes there, the host never sees.
            assertThat(chatter.tryWrite("/tmp/private.txt", "mine")).isEqualTo("written");
            assertThat(Files.exists(Path.of("/tmp/private.txt"))).isFalse();
        }
    }

    @Test
    void sandboxedExtensionCannotWriteTheAreaItsHostWritesLargeArraysInto() throws Exception {
        try (ExtensionManager<TestExtension> manager = Fixtures.manager(tmp.resolve("env"))) {
            TestExtension extension =
                    manager.loadExtension(sandboxed(SandboxConfig.builder().mode(SandboxMode.REQUIRED))
                            .build());
            Chatter chatter = ExtensionHandle.of(extension).createCaller(Chatter.class, "chatter");
            Path hostsArea = Fixtures.socketDirectory(extension).resolve("to-child.segments");
            long size = Files.size(hostsArea);

            // The host writes it through a mapping: a child that cut it short would fault the host.
            assertThat(chatter.tryWrite(hostsArea.toString(), "")).contains("Read-only file system");
            assertThat(Files.size(hostsArea)).isEqualTo(size);
            // Its own area, beside it, stays writable.
            Path ownArea = hostsArea.resolveSibling("to-host.segments");
            assertThat(chatter.tryWrite(ownArea.toString(), "")).isEqualTo("written");
            byte[] bytes = new byte[2 << 20];
            assertThat(extension.shifted(bytes, 1)[(1 << 20) + 1]).isEqualTo((byte) 1);
        }
    }

    @Test
    void networkIsClosedUnlessAllowed() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                ExtensionManager<TestExtension> manager = Fixtures.manager(tmp.resolve("env"))) {
            int port = server.getLocalPort();
            Chatter closed = chatter(manager, sandboxed(SandboxConfig.builder().mode(SandboxMode.REQUIRED)));
            Chatter open = chatter(
                    manager,
                    sandboxed(SandboxConfig.builder().mode(SandboxMode.REQUIRED).network(true)));

            assertThat(closed.tryConnect("127.0.0.1", port)).startsWith("java.net.");
            assertThat(closed.tryConnect("127.0.0.1", port)).isNotEqualTo("connected");
            assertThat(open.tryConnect("127.0.0.1", port)).isEqualTo("connected");
        }
    }

    @Test
    void sandboxedChildDiesWithItsHost() throws Exception {
        try (HostJvm host = HostJvm.start(HostMain.HOLD_SANDBOXED, tmp.resolve("env"), List.of())) {
            String line = host.awaitLine(l -> l.startsWith(HostMain.CHILD_PREFIX), Duration.ofSeconds(60));
            ProcessHandle child = ProcessHandle.of(Long.parseLong(
                            line.substring(HostMain.CHILD_PREFIX.length()).trim()))
                    .orElseThrow();
            try {
                host.process().destroyForcibly();
                assertThat(host.process().waitFor(10, TimeUnit.SECONDS)).isTrue();

                assertThat(ChildProcesses.awaitGone(child, Duration.ofSeconds(2)))
                        .isTrue();
            } finally {
                child.destroyForcibly();
            }
        }
    }

    @Test
    void requiredSandboxWithoutBubblewrapFailsSayingHowToFixIt() {
        String previous = System.getProperty("isolate4j.bwrap");
        System.setProperty("isolate4j.bwrap", tmp.resolve("no-bwrap-here").toString());
        try (ExtensionManager<TestExtension> manager = Fixtures.manager(tmp.resolve("env"))) {
            ExtensionLoadException e = assertThrows(
                    ExtensionLoadException.class,
                    () -> manager.loadExtension(
                            sandboxed(SandboxConfig.builder().mode(SandboxMode.REQUIRED))
                                    .build()));

            assertThat(e).hasMessageThat().contains("requires a sandbox, but bubblewrap cannot run here");
            assertThat(e).hasMessageThat().contains("apt-get install bubblewrap");
            assertThat(manager.extensions()).isEmpty();

            // AUTO runs it without a sandbox instead.
            TestExtension unboxed =
                    manager.loadExtension(sandboxed(SandboxConfig.builder()).build());
            assertThat(unboxed.echo("unboxed")).isEqualTo("unboxed");
        } finally {
            if (previous == null) {
                System.clearProperty("isolate4j.bwrap");
            } else {
                System.setProperty("isolate4j.bwrap", previous);
            }
        }
    }

    @Test
    void aRelativeModulePathThroughDotDotLoadsInTheSandbox() throws Exception {
        // Relative to the working directory, through src/.., a directory the sandbox does not show;
        // the sandboxed child starts in /tmp.
        Path workingDirectory = Path.of("").toAbsolutePath();
        Path relative = Path.of("src", "..")
                .resolve(workingDirectory.relativize(Fixtures.extensionJar().toAbsolutePath()));
        assertThat(relative.isAbsolute()).isFalse();
        try (ExtensionManager<TestExtension> manager = Fixtures.manager(tmp.resolve("env"))) {
            TestExtension extension =
                    manager.loadExtension(sandboxed(SandboxConfig.builder().mode(SandboxMode.REQUIRED))
                            .modulePath(relative)
                            .build());

            assertThat(extension.echo("found")).isEqualTo("found");
        }
    }

    private static ExtensionConfig.Builder sandboxed(SandboxConfig.Builder sandbox) {
        return Fixtures.config("boxed-" + System.nanoTime()).sandbox(sandbox.build());
    }

    private static Chatter chatter(ExtensionManager<TestExtension> manager, ExtensionConfig.Builder config) {
        TestExtension extension = manager.loadExtension(config.build());
        return ExtensionHandle.of(extension).createCaller(Chatter.class, "chatter");
    }
}
