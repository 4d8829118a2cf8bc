package dev.isolate4j.it;

import dev.isolate4j.ExtensionConfig;
import dev.isolate4j.ExtensionManager;
import dev.isolate4j.ExtensionManagerConfig;
import dev.isolate4j.SandboxConfig;
import dev.isolate4j.it.api.TestExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** The fixture extension's jar, and managers and configs for it. */
final class Fixtures {
    private Fixtures() {}

    static Path extensionJar() {
        Path jar = Path.of(System.getProperty("isolate4j.it.extensionJar", "target/extensions/fixture-extension.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(
                    "fixture extension jar " + jar + " is missing; run the tests through Maven");
        }
        return jar;
    }

    static ExtensionManager<TestExtension> manager(Path envRoot) {
        return new ExtensionManager<>(
                TestExtension.class,
                ExtensionManagerConfig.builder()
                        .envRootPath(envRoot)
                        // The test's own, so that the fixture API of this build is resolved, not one
                        // an earlier build left in ~/.m2 under the same version.
                        .localRepository(envRoot.resolveSibling(envRoot.getFileName() + "-repository"))
                        .stopTimeout(Duration.ofSeconds(5))
                        .build());
    }

    /**
     * The fixture extension in the default configuration: sandboxed where bubblewrap runs, default
     * JVM options. A test that needs another configuration sets it, and says why.
     */
    static ExtensionConfig.Builder config(String name) {
        return ExtensionConfig.builder(name).modulePath(extensionJar());
    }

    /**
     * The default sandbox, which also lets the extension write {@code directory}: for tests whose
     * extension leaves a mark there for the test to read.
     */
    static SandboxConfig writing(Path directory) {
        return SandboxConfig.builder().writablePaths(List.of(directory)).build();
    }

    /** An isolated fixture extension whose API comes from the test repository at {@code repositoryUrl}. */
    static ExtensionConfig isolated(String name, String repositoryUrl) {
        return isolatedConfig(name, repositoryUrl).build();
    }

    /** {@link #isolated}'s configuration, for a test that sets more of it. */
    static ExtensionConfig.Builder isolatedConfig(String name, String repositoryUrl) {
        return ExtensionConfig.builder(name)
                .modulePath(extensionJar())
                .isolated(true)
                .dependencies("dev.isolate4j.it:probe-api:1.0")
                .repositories(List.of(repositoryUrl));
    }

    /** The child JVMs of this JVM, under a sandbox or not, that wait for their extension. */
    static List<Long> waitingChildren() {
        return ProcessHandle.current()
                .descendants()
                .filter(process -> process.info().command().orElse("").endsWith("/java"))
                .filter(process -> List.of(process.info().arguments().orElse(new String[0]))
                        .contains("--await-extension"))
                .filter(ProcessHandle::isAlive)
                .map(ProcessHandle::pid)
                .toList();
    }

    /** Whether a process with {@code pid} still runs. */
    static boolean running(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** The private directory of {@code extension}'s socket, from its child's command line. */
    static Path socketDirectory(TestExtension extension) {
        return Path.of(optionValue(extension.commandLine(), "--socket")).getParent();
    }

    /** The value following {@code option} on a command line. */
    static String optionValue(List<String> commandLine, String option) {
        int at = commandLine.indexOf(option);
        if (at < 0 || at + 1 >= commandLine.size()) {
            throw new AssertionError(option + " not found in " + commandLine);
        }
        return commandLine.get(at + 1);
    }
}
