package dev.isolate4j.it;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.isolate4j.ExtensionConfig;
import dev.isolate4j.ExtensionLoadException;
import dev.isolate4j.ExtensionManager;
import dev.isolate4j.it.api.TestExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Extensions whose jar comes from Maven coordinates, and jars whose own POM gives their runtime
 * dependencies: real resolution from a repository the test creates, real child JVMs, the default
 * configuration (sandboxed where bubblewrap runs).
 */
class MavenExtensionsTest {
    private static final String GROUP = "dev.isolate4j.it";
    private static final String POM_ENTRY = "META-INF/maven/dev.isolate4j.it/pom-plugin/pom.xml";

    @TempDir
    Path tmp;

    /** probe-api (depending on the runtime, left out), extra 2.0 depending on deep 3.0, managed 4.0. */
    private TestRepository repository() throws Exception {
        Path api = TestRepository.fixtureJar("fixture-api.jar");
        return TestRepository.withFixtureApi(tmp.resolve("repository"))
                .publish(GROUP, "deep", "3.0", api, List.of())
                .publish(GROUP, "extra", "2.0", api, List.of(GROUP + ":deep:3.0"))
                .publish(GROUP, "managed", "4.0", api, List.of());
    }

    @Test
    void anArtifactIsResolvedWithItsTransitiveDependenciesAndRunsFromTheRecordOffline() throws Exception {
        TestRepository repo = repository()
                .publish(
                        GROUP,
                        "probe-plugin",
                        "1.0",
                        Fixtures.extensionJar(),
                        List.of(GROUP + ":probe-api:1.0", GROUP + ":extra:2.0"));
        Path envRoot = tmp.resolve("environments");
        ExtensionConfig config = ExtensionConfig.builder("by-coordinates")
                .artifact(GROUP + ":probe-plugin:1.0")
                .repositories(List.of(repo.url()))
                .build();

        try (ExtensionManager<TestExtension> manager = Fixtures.manager(envRoot)) {
            TestExtension extension = manager.loadExtension(config);
            assertThat(extension.echo("from Maven")).isEqualTo("from Maven");
            assertThat(extension.pid()).isNotEqualTo(ProcessHandle.current().pid());
        }
        Path environment = envRoot.resolve("by-coordinates");
        assertThat(Files.readString(environment.resolve("module.txt"))).contains("probe-plugin-1.0.jar");
        String classPath = Files.readString(environment.resolve("classpath.txt"));
        assertThat(classPath).contains("probe-api-1.0.jar");
        assertThat(classPath).contains("extra-2.0.jar");
        assertThat(classPath).contains("deep-3.0.jar");
        assertThat(classPath).doesNotContain("probe-plugin-1.0.jar"); // the module, once
        assertThat(classPath).doesNotContain("isolate4j-runtime");

        // The repository is gone: the record alone starts it again.
        IsolatedEnvironmentTest.deleteRecursively(tmp.resolve("repository"));
        try (ExtensionManager<TestExtension> manager = Fixtures.manager(envRoot)) {
            assertThat(manager.loadExtension(config).echo("offline")).isEqualTo("offline");
        }
    }

    @Test
    void anUnknownArtifactFailsNamingIt() throws Exception {
        TestRepository repo = repository();
        try (ExtensionManager<TestExtension> manager = Fixtures.manager(tmp.resolve("environments"))) {
            ExtensionLoadException e = assertThrows(
                    ExtensionLoadException.class,
                    () -> manager.loadExtension(ExtensionConfig.builder("missing")
                            .artifact(GROUP + ":no-such-plugin:1.0")
                            .repositories(List.of(repo.url()))
                            .build()));

            assertThat(e).hasMessageThat().contains("cannot resolve the artifact " + GROUP + ":no-such-plugin:1.0");
            assertThat(e).hasMessageThat().contains("'missing'");
        }
    }

    @Test
    void aJarsOwnPomGivesItsRuntimeDependenciesWithParentAndImports() throws Exception {
        TestRepository repo = repository()
                .publishPom(GROUP, "plugin-bom", "1.0", pom("plugin-bom", "", managed("managed", "4.0", "")))
                .publishPom(
                        GROUP,
                        "plugin-parent",
                        "1.0",
                        pom(
                                "plugin-parent",
                                "",
                                managed("extra", "2.0", "")
                                        + managed("plugin-bom", "1.0", "<type>pom</type><scope>import</scope>")));
        Path jar = jarWithPom(
                tmp.resolve("plugins/pom-plugin-1.0.jar"),
                pom(
                        "pom-plugin",
                        "<parent><groupId>dev.isolate4j.it</groupId><artifactId>plugin-parent</artifactId>"
                                + "<version>1.0</version></parent>",
                        "",
                        dependency("probe-api", "<version>1.0</version>")
                                + dependency("extra", "") // version from the parent
                                + dependency("managed", "") // version from the parent's imported BOM
                                + dependency("tested", "<version>9.0</version><scope>test</scope>")
                                + dependency("given", "<version>9.0</version><scope>provided</scope>")));
        Path envRoot = tmp.resolve("environments");

        try (ExtensionManager<TestExtension> manager = Fixtures.manager(envRoot)) {
            TestExtension extension = manager.loadExtension(ExtensionConfig.builder("own-pom")
                    .modulePath(jar)
                    .isolated(true)
                    .repositories(List.of(repo.url()))
                    .build());
            assertThat(extension.echo("from its POM")).isEqualTo("from its POM");
        }
        Path environment = envRoot.resolve("own-pom");
        String classPath = Files.readString(environment.resolve("classpath.txt"));
        assertThat(classPath).contains("probe-api-1.0.jar");
        assertThat(classPath).contains("extra-2.0.jar");
        assertThat(classPath).contains("deep-3.0.jar");
        assertThat(classPath).contains("managed-4.0.jar");
        assertThat(classPath).doesNotContain("tested");
        assertThat(classPath).doesNotContain("given");
        assertThat(classPath).doesNotContain("pom-plugin");
        assertThat(classPath).doesNotContain("isolate4j-runtime");
        assertThat(Files.readString(environment.resolve("module.txt")).trim()).isEqualTo(jar.toString());
        // Nothing was installed: the jar and its POM stood in for the artifact.
        assertThat(Files.exists(envRoot.resolveSibling("environments-repository/dev/isolate4j/it/pom-plugin")))
                .isFalse();
    }

    @Test
    void aPomWhoseParentCannotBeResolvedFailsNamingThePomAndTheJar() throws Exception {
        TestRepository repo = repository();
        Path jar = jarWithPom(
                tmp.resolve("plugins/orphan.jar"),
                pom(
                        "pom-plugin",
                        "<parent><groupId>dev.isolate4j.it</groupId><artifactId>no-such-parent</artifactId>"
                                + "<version>1.0</version></parent>",
                        "",
                        dependency("probe-api", "<version>1.0</version>")));
        try (ExtensionManager<TestExtension> manager = Fixtures.manager(tmp.resolve("environments"))) {
            ExtensionLoadException e = assertThrows(
                    ExtensionLoadException.class,
                    () -> manager.loadExtension(ExtensionConfig.builder("orphan")
                            .modulePath(jar)
                            .isolated(true)
                            .repositories(List.of(repo.url()))
                            .build()));

            assertThat(e).hasMessageThat().contains("the POM " + POM_ENTRY + " in " + jar);
            assertThat(e).hasMessageThat().contains("(dev.isolate4j.it:pom-plugin:1.0)");
            assertThat(e).hasMessageThat().contains("no-such-parent");
            assertThat(e).hasMessageThat().contains("list the extension's dependencies(...) yourself");
        }
    }

    private static Path jarWithPom(Path target, String pomXml) throws Exception {
        return TestJars.withEntries(
                Fixtures.extensionJar(),
                target,
                Map.of(
                        POM_ENTRY,
                        pomXml,
                        "META-INF/maven/dev.isolate4j.it/pom-plugin/pom.properties",
                        "groupId=dev.isolate4j.it\nartifactId=pom-plugin\nversion=1.0\n"));
    }

    private static String pom(String artifact, String parent, String dependencyManagement, String dependencies) {
        return """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  %s
                  <groupId>dev.isolate4j.it</groupId>
                  <artifactId>%s</artifactId>
                  <version>1.0</version>
                  <packaging>%s</packaging>
                  <dependencyManagement><dependencies>%s</dependencies></dependencyManagement>
                  <dependencies>%s</dependencies>
                </project>
                """.formatted(
                        parent, artifact, dependencies.isEmpty() ? "pom" : "jar", dependencyManagement, dependencies);
    }

    private static String pom(String artifact, String parent, String dependencyManagement) {
        return pom(artifact, parent, dependencyManagement, "");
    }

    private static String managed(String artifact, String version, String more) {
        return "<dependency><groupId>dev.isolate4j.it</groupId><artifactId>" + artifact + "</artifactId><version>"
                + version + "</version>" + more + "</dependency>";
    }

    private static String dependency(String artifact, String more) {
        return "<dependency><groupId>dev.isolate4j.it</groupId><artifactId>" + artifact + "</artifactId>" + more
                + "</dependency>";
    }
}
