package dev.isolate4j.it;

import static com.google.common.truth.Truth.assertThat;

import com.sun.jdi.Bootstrap;
import com.sun.jdi.ThreadReference;
import com.sun.jdi.VirtualMachine;
import com.sun.jdi.connect.AttachingConnector;
import com.sun.jdi.connect.Connector;
import dev.isolate4j.Debug;
import dev.isolate4j.ExtensionHandle;
import dev.isolate4j.ExtensionManager;
import dev.isolate4j.SandboxConfig;
import dev.isolate4j.it.api.TestExtension;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A debugger attaches to a sandboxed child (no network of its own) on the host's loopback, with
 * the JDK's own debugger interface (JDI), as jdb and IDEs do.
 */
class DebugTest {
    @TempDir
    Path envRoot;

    ExtensionManager<TestExtension> manager;

    @BeforeEach
    void createManager() {
        manager = Fixtures.manager(envRoot);
    }

    @AfterEach
    void close() {
        manager.close();
    }

    @Test
    void aDebuggerAttachesToASandboxedChildAndSeesItsThreads() throws Exception {
        TestExtension extension = manager.loadExtension(
                Fixtures.config("debugged").debug(Debug.anyPort()).build());
        ExtensionHandle handle = ExtensionHandle.of(extension);

        int port = handle.debugPort().orElseThrow();
        VirtualMachine vm = attach(port);
        try {
            List<String> threads =
                    vm.allThreads().stream().map(ThreadReference::name).toList();
            assertThat(threads).contains("main");
            assertThat(vm.classesByName("dev.isolate4j.it.extension.FixtureExtension"))
                    .isNotEmpty();
        } finally {
            vm.dispose();
        }
        assertThat(extension.echo("after the debugger left")).isEqualTo("after the debugger left");
    }

    @Test
    void aChildWithTheHostsNetworkHasItsAgentOnTheHostsLoopbackItself() throws Exception {
        // Another configuration on purpose: the sandbox stays on, but with network, which is the
        // other path (the agent listens on the port itself, no relay), as without a sandbox.
        TestExtension extension = manager.loadExtension(Fixtures.config("networked")
                .sandbox(SandboxConfig.builder().network(true).build())
                .debug(Debug.anyPort())
                .build());

        VirtualMachine vm = attach(ExtensionHandle.of(extension).debugPort().orElseThrow());
        try {
            assertThat(vm.allThreads().stream().map(ThreadReference::name).toList())
                    .contains("main");
        } finally {
            vm.dispose();
        }
    }

    @Test
    void aSuspendedChildIsNotLoadedUntilADebuggerAttaches() throws Exception {
        int port = freePort();
        CompletableFuture<TestExtension> load = CompletableFuture.supplyAsync(() -> manager.loadExtension(
                Fixtures.config("waiting").debug(Debug.onPort(port).suspended()).build()));

        Thread.sleep(3_000); // more than a start takes here
        assertThat(load.isDone()).isFalse();
        VirtualMachine vm = attachWhenListening(port);
        try {
            TestExtension extension = load.get(60, TimeUnit.SECONDS);
            assertThat(ExtensionHandle.of(extension).debugPort()).hasValue(port);
            assertThat(extension.echo("loaded")).isEqualTo("loaded");
        } finally {
            vm.dispose();
        }
    }

    @Test
    void theSystemPropertyNamesTheExtensionAndItsPort() {
        assertThat(Debug.fromProperty("ocr:5006", "ocr")).hasValue(Debug.onPort(5006));
        assertThat(Debug.fromProperty("ocr", "ocr")).hasValue(Debug.anyPort());
        assertThat(Debug.fromProperty("other:5006", "ocr")).isEmpty();
        assertThat(Debug.fromProperty(null, "ocr")).isEmpty();
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> Debug.fromProperty("ocr:next", "ocr"));
        assertThat(e).hasMessageThat().contains("'next' is not a port");
    }

    private static VirtualMachine attachWhenListening(int port) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try {
                return attach(port);
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }

    private static VirtualMachine attach(int port) throws Exception {
        AttachingConnector socketAttach = Bootstrap.virtualMachineManager().attachingConnectors().stream()
                .filter(connector -> connector.name().equals("com.sun.jdi.SocketAttach"))
                .findFirst()
                .orElseThrow();
        Map<String, Connector.Argument> arguments = socketAttach.defaultArguments();
        arguments.get("hostname").setValue("127.0.0.1");
        arguments.get("port").setValue(Integer.toString(port));
        arguments.get("timeout").setValue("10000");
        return socketAttach.attach(arguments);
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }
}
