package dev.isolate4j.it;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.isolate4j.ExtensionConfig;
import dev.isolate4j.ExtensionHandle;
import dev.isolate4j.ExtensionLoadException;
import dev.isolate4j.ExtensionManager;
import dev.isolate4j.ExtensionManagerConfig;
import dev.isolate4j.ResolutionProgress;
import dev.isolate4j.it.api.Chatter;
import dev.isolate4j.it.api.Measurement;
import dev.isolate4j.it.api.TestExtension;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Isolated extensions resolved from a repository the test creates: no network involved. */
class IsolatedEnvironmentTest {
    @TempDir
    Path tmp;

    @Test
    void firstLoadResolvesWithProgressAndASecondLoadResolvesNothing() throws Exception {
        Path repository = tmp.resolve("repository");
        TestRepository repo = TestRepository.withFixtureApi(repository);
        Path envRoot = tmp.resolve("environments");
        List<ResolutionProgress> progress = new CopyOnWriteArrayList<>();

        try (ExtensionManager<TestExtension> manager = manager(envRoot, progress)) {
            TestExtension extension = manager.loadExtension(Fixtures.isolated("cached", repo.url()));
            assertThat(extension.echo("isolated")).isEqualTo("isolated");
            assertThat(extension.pid()).isNotEqualTo(ProcessHandle.current().pid());
        }
        assertThat(progress.stream()
                        .filter(p -> p.done())
                        .map(ResolutionProgress::artifact)
                        .toList())
                .contains("dev/isolate4j/it/probe-api/1.0/probe-api-1.0.jar");
        ResolutionProgress jar = progress.stream()
                .filter(p -> p.done() && p.artifact().endsWith("probe-api-1.0.jar"))
                .findFirst()
                .orElseThrow();
        assertThat(jar.extensionName()).isEqualTo("cached");
        assertThat(jar.bytes()).isEqualTo(Files.size(TestRepository.fixtureJar("fixture-api.jar")));
        assertThat(jar.percent()).isEqualTo(100.0);
        String recorded = Files.readString(envRoot.resolve("cached").resolve("classpath.txt"));
        assertThat(recorded).contains("probe-api-1.0.jar");
        assertThat(recorded).doesNotContain("isolate4j-runtime");

        // The repository is gone: a second start may only succeed by resolving nothing.
        deleteRecursively(repository);
        progress.clear();
        try (ExtensionManager<TestExtension> manager = manager(envRoot, progress)) {
            TestExtension extension = manager.loadExtension(Fixtures.isolated("cached", repo.url()));
            assertThat(extension.echo("again")).isEqualTo("again");
        }
        assertThat(progress).isEmpty();
    }

    @Test
    void anotherExtensionWithTheSameInputsResolvesNothing() throws Exception {
        Path repository = tmp.resolve("repository");
        TestRepository repo = TestRepository.withFixtureApi(repository);
        Path envRoot = tmp.resolve("environments");
        List<ResolutionProgress> progress = new CopyOnWriteArrayList<>();
        try (ExtensionManager<TestExtension> manager = manager(envRoot, progress)) {
            assertThat(manager.loadExtension(Fixtures.isolated("first", repo.url()))
                            .echo("first"))
                    .isEqualTo("first");
        }
        assertThat(progress).isNotEmpty();

        // The repository is gone: other extensions with the same inputs, in this host and the next,
        // may only load by resolving nothing.
        deleteRecursively(repository);
        progress.clear();
        try (ExtensionManager<TestExtension> manager = manager(envRoot, progress)) {
            assertThat(manager.loadExtension(Fixtures.isolated("second", repo.url()))
                            .echo("second"))
                    .isEqualTo("second");
        }
        assertThat(progress).isEmpty();
        assertThat(Files.readString(envRoot.resolve("second").resolve("classpath.txt")))
                .isEqualTo(Files.readString(envRoot.resolve("first").resolve("classpath.txt")));
        try (Stream<Path> sets = Files.list(envRoot.resolve(".resolved"))) {
            assertThat(sets.toList()).hasSize(1);
        }
    }

    @Test
    void anExtensionBuiltOnAnotherExtensionsArtifactLoadsItsOwnClass() throws Exception {
        // The other artifact is an extension module too: its service file names an extension of its own.
        Path otherModule = TestJars.withEntries(
                TestRepository.fixtureJar("fixture-api.jar"),
                tmp.resolve("other-extension.jar"),
                Map.of("META-INF/services/dev.isolate4j.ExtensionBase", "com.acme.OtherExtension\n"));
        TestRepository repo = TestRepository.withFixtureApi(tmp.resolve("repository"))
                .publish("com.acme", "other-extension", "1.0", otherModule, List.of());

        try (ExtensionManager<TestExtension> manager = manager(tmp.resolve("environments"), null)) {
            TestExtension extension = manager.loadExtension(Fixtures.isolatedConfig("built-on-another", repo.url())
                    .dependencies("dev.isolate4j.it:probe-api:1.0", "com.acme:other-extension:1.0")
                    .build());

            assertThat(extension.echo("its own")).isEqualTo("its own");
        }
    }

    @Test
    void aModuleThatDeclaresTwoExtensionsIsNamedByThePathTheUserGave() throws Exception {
        Path two = TestJars.withEntries(
                Fixtures.extensionJar(),
                tmp.resolve("two-extensions.jar"),
                Map.of(
                        "META-INF/services/dev.isolate4j.ExtensionBase",
                        "dev.isolate4j.it.extension.FixtureExtension\ncom.acme.Other\n"));
        TestRepository repo = TestRepository.withFixtureApi(tmp.resolve("repository"));

        // The child started ahead of the environment reads the jar through a link of its own.
        try (ExtensionManager<TestExtension> manager = manager(tmp.resolve("environments"), null)) {
            ExtensionLoadException e = assertThrows(
                    ExtensionLoadException.class,
                    () -> manager.loadExtension(Fixtures.isolatedConfig("two", repo.url())
                            .modulePath(two)
                            .build()));

            assertThat(e)
                    .hasMessageThat()
                    .contains(two + " holds 2 extension classes [dev.isolate4j.it.extension.FixtureExtension,"
                            + " com.acme.Other]");
        }
    }

    @Test
    void changedInputsResolveAgain() throws Exception {
        TestRepository repo = TestRepository.withFixtureApi(tmp.resolve("repository"));
        repo.publish("dev.isolate4j.it", "extra", "2.0", TestRepository.fixtureJar("fixture-api.jar"), List.of());
        Path envRoot = tmp.resolve("environments");
        List<ResolutionProgress> progress = new CopyOnWriteArrayList<>();
        try (ExtensionManager<TestExtension> manager = manager(envRoot, progress)) {
            manager.loadExtension(Fixtures.isolated("changing", repo.url()));
        }
        progress.clear();

        try (ExtensionManager<TestExtension> manager = manager(envRoot, progress)) {
            manager.loadExtension(ExtensionConfig.builder("changing")
                    .modulePath(Fixtures.extensionJar())
                    .isolated(true)
                    .dependencies("dev.isolate4j.it:probe-api:1.0", "dev.isolate4j.it:extra:2.0")
                    .repositories(List.of(repo.url()))
                    .build());
        }

        assertThat(progress.stream().map(ResolutionProgress::artifact).toList())
                .contains("dev/isolate4j/it/extra/2.0/extra-2.0.jar");
        assertThat(Files.readString(envRoot.resolve("changing").resolve("classpath.txt")))
                .contains("extra-2.0.jar");
    }

    @Test
    void transitiveDependenciesVersionRangesAndClassifiersResolve() throws Exception {
        Path jar = TestRepository.fixtureJar("fixture-api.jar");
        TestRepository repo = new TestRepository(tmp.resolve("repository"))
                .publish("dev.isolate4j.it", "probe-api", "1.0", jar, List.of("dev.isolate4j.it:transitive:3.0"))
                .publish("dev.isolate4j.it", "probe-api", "2.5", jar, List.of())
                .publish("dev.isolate4j.it", "transitive", "3.0", jar, List.of())
                .publish("dev.isolate4j.it", "native", "1.0", "linux", jar, List.of());
        Path envRoot = tmp.resolve("environments");

        try (ExtensionManager<TestExtension> manager = manager(envRoot, null)) {
            TestExtension extension = manager.loadExtension(ExtensionConfig.builder("ranged")
                    .modulePath(Fixtures.extensionJar())
                    .isolated(true)
                    .dependencies("dev.isolate4j.it:probe-api:[1.0,2.0)", "dev.isolate4j.it:native:jar:linux:1.0")
                    .repositories(List.of(repo.url()))
                    .build());
            assertThat(extension.echo("resolved")).isEqualTo("resolved");
        }

        List<String> classPath = Files.readAllLines(envRoot.resolve("ranged").resolve("classpath.txt")).stream()
                .map(line -> Path.of(line).getFileName().toString())
                .toList();
        assertThat(classPath).containsExactly("probe-api-1.0.jar", "transitive-3.0.jar", "native-1.0-linux.jar");
    }

    @Test
    void isolatedExtensionSeesNoneOfTheRuntimesInternalsOrDependencies() throws Exception {
        TestRepository repo = TestRepository.withFixtureApi(tmp.resolve("repository"));
        try (ExtensionManager<TestExtension> manager = manager(tmp.resolve("environments"), null)) {
            TestExtension extension = manager.loadExtension(Fixtures.isolated("sealed", repo.url()));
            Chatter chatter = ExtensionHandle.of(extension).createCaller(Chatter.class, "chatter");

            // Application records cross although the child's copy of the class is in the extension's loader.
            assertThat(extension.measure(List.of(1.0, 3.0)))
                    .isEqualTo(new Measurement(2, 2.0, Measurement.Unit.METRES));
            assertThat(chatter.canLoad("dev.isolate4j.ExtensionBase")).isTrue();
            assertThat(chatter.canLoad("dev.isolate4j.spi.RemoteTarget")).isTrue();
            assertThat(chatter.canLoad("dev.isolate4j.it.api.Chatter")).isTrue();
            assertThat(chatter.canLoad("dev.isolate4j.internal.rpc.RpcConnection"))
                    .isFalse();
            assertThat(chatter.canLoad("org.apache.fory.Fory")).isFalse();
            assertThat(chatter.canLoad("org.slf4j.LoggerFactory")).isFalse();
            assertThat(chatter.canLoad("org.eclipse.aether.RepositorySystem")).isFalse();
            // The child JVM itself starts with the runtime alone, not with the host's class path.
            assertThat(chatter.systemProperty("java.class.path")).doesNotContain("fixture-api");
            assertThat(chatter.systemProperty("java.class.path")).doesNotContain("maven-resolver");
            assertThat(chatter.systemProperty("java.class.path")).doesNotContain("isolate4j-resolver");
            assertThat(chatter.systemProperty("java.class.path")).doesNotContain("janino");
        }
    }

    @Test
    void unresolvableDependencyFailsTheLoadNamingIt() throws Exception {
        TestRepository repo = TestRepository.withFixtureApi(tmp.resolve("repository"));
        try (ExtensionManager<TestExtension> manager = manager(tmp.resolve("environments"), null)) {
            RuntimeException e = assertThrows(
                    RuntimeException.class,
                    () -> manager.loadExtension(ExtensionConfig.builder("missing")
                            .modulePath(Fixtures.extensionJar())
                            .isolated(true)
                            .dependencies("dev.isolate4j.it:no-such-artifact:9.9")
                            .repositories(List.of(repo.url()))
                            .callTimeout(Duration.ofSeconds(5))
                            .build()));

            assertThat(e).hasMessageThat().contains("dev.isolate4j.it:no-such-artifact:9.9");
            assertThat(e).hasMessageThat().contains("'missing'");
            assertThat(manager.extensions()).isEmpty();
        }
    }

    private ExtensionManager<TestExtension> manager(Path envRoot, List<ResolutionProgress> progress) {
        return new ExtensionManager<>(
                TestExtension.class,
                ExtensionManagerConfig.builder()
                        .envRootPath(envRoot)
                        .localRepository(tmp.resolve("local-repository"))
                        .resolutionListener(progress == null ? null : progress::add)
                        .build());
    }

    /**
     * Deletes {@code root}. A class-data dumper the host left behind by design may still be writing
     * its archive there, and removes its lock file when it ends: deletion is tried again until the
     * directory stays deleted, for up to a minute.
     */
    static void deleteRecursively(Path root) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (true) {
            try (Stream<Path> paths = Files.walk(root)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
                return;
            } catch (NoSuchFileException e) {
                return; // gone already, or its last file vanished during the walk
            } catch (DirectoryNotEmptyException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                try {
                    Thread.sleep(200);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }
}
