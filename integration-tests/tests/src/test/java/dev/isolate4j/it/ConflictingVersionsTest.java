package dev.isolate4j.it;

import static com.google.common.truth.Truth.assertThat;

import dev.isolate4j.ExtensionConfig;
import dev.isolate4j.ExtensionManager;
import dev.isolate4j.ExtensionManagerConfig;
import dev.isolate4j.it.api.LibraryProbe;
import dev.isolate4j.it.api.TestExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real proof, resolved from Maven Central (through the user's settings: mirrors, proxies): extensions on
 * incompatible versions of one library, side by side, and an extension on old versions of the
 * runtime's own libraries.
 */
class ConflictingVersionsTest {
    private static final List<String> WORDS = List.of("one", "JVM", "each");

    @TempDir
    Path tmp;

    @Test
    void guava19AndGuava33AnswerSideBySideNextToANonIsolatedExtension() throws Exception {
        TestRepository api = TestRepository.withFixtureApi(tmp.resolve("repository"));
        try (ExtensionManager<LibraryProbe> manager = manager();
                ExtensionManager<TestExtension> plainManager = Fixtures.manager(tmp.resolve("plain"))) {
            LibraryProbe old = manager.loadExtension(isolated("guava-19", "guava-old.jar", api)
                    .dependencies("com.google.guava:guava:19.0", "dev.isolate4j.it:probe-api:1.0")
                    .build());
            LibraryProbe current = manager.loadExtension(isolated("guava-33", "guava-new.jar", api)
                    .dependencies("com.google.guava:guava:33.0.0-jre", "dev.isolate4j.it:probe-api:1.0")
                    .build());
            TestExtension plain =
                    plainManager.loadExtension(Fixtures.config("not-isolated").build());

            // Each calls an API that exists only in its own Guava.
            assertThat(old.useVersionSpecificApi(WORDS)).isEqualTo("Words{count=3}");
            assertThat(current.useVersionSpecificApi(WORDS)).isEqualTo("0:one,1:JVM,2:each");
            assertThat(plain.echo("next to them")).isEqualTo("next to them");
            // Under its own name, whether the child got its jars as links or not: a library may read it.
            assertThat(old.locationOf("com.google.common.base.Objects")).endsWith("/guava-19.0.jar");
            assertThat(current.locationOf("com.google.common.base.Objects")).endsWith("/guava-33.0.0-jre.jar");
            assertThat(List.of(old.pid(), current.pid(), plain.pid())).containsNoDuplicates();
        }
    }

    @Test
    void extensionUsesOldForyAndSlf4jWhileTheRuntimeInItsProcessUsesItsOwn() throws Exception {
        TestRepository api = TestRepository.withFixtureApi(tmp.resolve("repository"));
        try (ExtensionManager<LibraryProbe> manager = manager()) {
            LibraryProbe probe = manager.loadExtension(isolated("old-libraries", "old-libs.jar", api)
                    .dependencies(
                            "org.apache.fory:fory-core:0.16.0",
                            "org.slf4j:slf4j-api:1.7.36",
                            "dev.isolate4j.it:probe-api:1.0")
                    .build());

            assertThat(probe.locationOf("org.apache.fory.Fory")).endsWith("fory-core-0.16.0.jar");
            assertThat(probe.locationOf("org.slf4j.LoggerFactory")).endsWith("slf4j-api-1.7.36.jar");
            assertThat(probe.locationOf("dev.isolate4j.internal.rpc.RpcConnection"))
                    .isEqualTo("absent");
            // The extension's Fory 0.16 round-trips inside the extension; the runtime's Fory 1.6 carries
            // the call and its result across.
            assertThat(probe.useVersionSpecificApi(WORDS))
                    .isEqualTo("one JVM each via dev.isolate4j.internal.child.logging.HostLoggerFactory");
        }
    }

    /**
     * A manager whose local repository lives in the build directory: Central's artifacts are
     * downloaded once per clean build, and the test's own artifacts never reach the user's
     * repository, where a stale copy would outlive a change of the fixtures.
     */
    private ExtensionManager<LibraryProbe> manager() throws Exception {
        return manager(tmp);
    }

    /** The manager of {@link #manager()}, its environments under {@code tmp}. */
    static ExtensionManager<LibraryProbe> manager(Path tmp) throws Exception {
        Path localRepository = Path.of("target", "central-cache").toAbsolutePath();
        Path ownArtifacts = localRepository.resolve("dev/isolate4j/it");
        if (Files.exists(ownArtifacts)) {
            IsolatedEnvironmentTest.deleteRecursively(ownArtifacts);
        }
        return new ExtensionManager<>(
                LibraryProbe.class,
                ExtensionManagerConfig.builder()
                        .envRootPath(tmp.resolve("environments"))
                        .localRepository(localRepository)
                        .build());
    }

    private static ExtensionConfig.Builder isolated(String name, String jar, TestRepository api) {
        return ExtensionConfig.builder(name)
                .modulePath(TestRepository.fixtureJar(jar))
                .isolated(true)
                .repositories(List.of(api.url()));
    }
}
