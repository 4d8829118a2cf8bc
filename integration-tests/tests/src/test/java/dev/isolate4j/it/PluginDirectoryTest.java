package dev.isolate4j.it;

import static com.google.common.truth.Truth.assertThat;

import dev.isolate4j.ExtensionManager;
import dev.isolate4j.PluginLoad;
import dev.isolate4j.PluginPolicy;
import dev.isolate4j.it.api.HostCounter;
import dev.isolate4j.it.api.TestExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plugin directory with good, duplicate, over-asking and broken plugins: the good ones load into
 * real child JVMs (sandboxed where bubblewrap runs), each of the others is refused with a message
 * naming its jar and what is wrong, and none stops the others.
 */
class PluginDirectoryTest {
    private static final String ENTRY = "META-INF/isolate4j/extension.properties";

    @TempDir
    Path tmp;

    @Test
    void goodPluginsLoadAndEachOtherIsRefusedWithItsReason() throws Exception {
        TestRepository repo = TestRepository.withFixtureApi(tmp.resolve("repository"));
        Path data = Files.createDirectories(tmp.resolve("data"));
        Files.createDirectories(data.resolve("good")); // bubblewrap binds only what exists
        Path plugins = tmp.resolve("plugins");
        plugin(
                plugins,
                "a-good.jar",
                "name=good\ndependencies=dev.isolate4j.it:probe-api:1.0\napis=" + HostCounter.class.getName()
                        + "\nwritablePaths=" + data.resolve("good") + "\nmaxHeap=128m\n");
        plugin(plugins, "b-shared.jar", "name=shared\nisolated=false\n");
        plugin(plugins, "c-duplicate.jar", "name=good\nisolated=false\n");
        plugin(plugins, "d-network.jar", "name=talker\nisolated=false\nnetwork=true\n");
        plugin(plugins, "e-heap.jar", "name=hungry\nisolated=false\nmaxHeap=2g\n");
        plugin(plugins, "f-escape.jar", "name=escape\nisolated=false\nwritablePaths=/etc\n");
        plugin(plugins, "g-broken.jar", "name=broken\nnetwrok=true\n");
        TestJars.withEntries(Fixtures.extensionJar(), plugins.resolve("h-undescribed.jar"), Map.of());
        Files.writeString(plugins.resolve("i-not-a-jar.jar"), "not a zip");
        Files.writeString(plugins.resolve("README.txt"), "not a plugin, not listed");
        PluginPolicy policy = PluginPolicy.builder()
                .writableRoots(List.of(data))
                .maxHeap("256m")
                .apis(HostCounter.class)
                .repositories(List.of(repo.url()))
                .build();

        try (ExtensionManager<TestExtension> manager = Fixtures.manager(tmp.resolve("environments"))) {
            List<PluginLoad<TestExtension>> loads = manager.loadPlugins(plugins, policy);

            assertThat(loads.stream().map(load -> load.jar().getFileName().toString()))
                    .containsExactly(
                            "a-good.jar",
                            "b-shared.jar",
                            "c-duplicate.jar",
                            "d-network.jar",
                            "e-heap.jar",
                            "f-escape.jar",
                            "g-broken.jar",
                            "h-undescribed.jar",
                            "i-not-a-jar.jar")
                    .inOrder();
            Map<String, PluginLoad<TestExtension>> byJar = loads.stream()
                    .collect(Collectors.toMap(load -> load.jar().getFileName().toString(), load -> load));
            assertThat(manager.extensions().keySet())
                    .containsExactly("good", "shared")
                    .inOrder();
            assertThat(byJar.get("a-good.jar").loaded()).isTrue();
            assertThat(byJar.get("a-good.jar").extension().echo("good")).isEqualTo("good");
            assertThat(byJar.get("b-shared.jar").extension().echo("shared")).isEqualTo("shared");
            assertThat(byJar.get("a-good.jar").extension().pid())
                    .isNotEqualTo(byJar.get("b-shared.jar").extension().pid());

            assertRefused(
                    byJar,
                    "c-duplicate.jar",
                    "gives name=good, which plugin jar " + plugins.resolve("a-good.jar")
                            + " took first; plugin names must be unique");
            assertRefused(
                    byJar, "d-network.jar", ENTRY + " asks network=true, which the host's PluginPolicy does not allow");
            assertRefused(byJar, "e-heap.jar", "asks maxHeap=2g, more than the host's PluginPolicy allows (256m)");
            assertRefused(
                    byJar,
                    "f-escape.jar",
                    "asks writablePaths /etc, which is under none of the host's" + " PluginPolicy writableRoots ["
                            + data + "]");
            assertRefused(byJar, "g-broken.jar", ENTRY + " holds unknown keys [netwrok]");
            assertRefused(byJar, "h-undescribed.jar", "holds no " + ENTRY);
            assertRefused(byJar, "i-not-a-jar.jar", "cannot be read as a jar");
            assertThat(byJar.get("g-broken.jar").name()).isNull();
            assertThat(byJar.get("d-network.jar").name()).isEqualTo("talker");
        }
    }

    @Test
    void aNameTakenByALoadedExtensionIsRefusedAndTheRestLoad() throws Exception {
        Path plugins = tmp.resolve("plugins");
        plugin(plugins, "a.jar", "name=taken\nisolated=false\n");
        plugin(plugins, "b.jar", "name=free\nisolated=false\n");

        try (ExtensionManager<TestExtension> manager = Fixtures.manager(tmp.resolve("environments"))) {
            manager.loadExtension(Fixtures.config("taken").build());
            List<PluginLoad<TestExtension>> loads = manager.loadPlugins(plugins, PluginPolicy.defaults());

            assertThat(loads.get(0).loaded()).isFalse();
            assertThat(loads.get(0).refusal())
                    .startsWith("plugin jar " + plugins.resolve("a.jar").toAbsolutePath() + " (name=taken): ");
            assertThat(loads.get(0).refusal()).contains("is loaded already");
            assertThat(loads.get(1).loaded()).isTrue();
            assertThat(manager.extensions().keySet())
                    .containsExactly("taken", "free")
                    .inOrder();
        }
    }

    @Test
    void anIsolatedPluginWithoutDependenciesGetsThoseOfItsJarsPom() throws Exception {
        TestRepository repo = TestRepository.withFixtureApi(tmp.resolve("repository"));
        Path plugins = tmp.resolve("plugins");
        String pom = """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>dev.isolate4j.it</groupId>
                  <artifactId>described</artifactId>
                  <version>1.0</version>
                  <dependencies>
                    <dependency>
                      <groupId>dev.isolate4j.it</groupId>
                      <artifactId>probe-api</artifactId>
                      <version>1.0</version>
                    </dependency>
                  </dependencies>
                </project>
                """;
        TestJars.withEntries(
                Fixtures.extensionJar(),
                plugins.resolve("described.jar"),
                Map.of(
                        ENTRY,
                        "name=described\n",
                        "META-INF/maven/dev.isolate4j.it/described/pom.xml",
                        pom,
                        "META-INF/maven/dev.isolate4j.it/described/pom.properties",
                        "groupId=dev.isolate4j.it\nartifactId=described\nversion=1.0\n"));
        Path envRoot = tmp.resolve("environments");

        try (ExtensionManager<TestExtension> manager = Fixtures.manager(envRoot)) {
            List<PluginLoad<TestExtension>> loads = manager.loadPlugins(
                    plugins,
                    PluginPolicy.builder().repositories(List.of(repo.url())).build());

            assertThat(loads.get(0).refusal()).isNull();
            assertThat(loads.get(0).extension().echo("described")).isEqualTo("described");
        }
        assertThat(Files.readString(envRoot.resolve("described").resolve("classpath.txt")))
                .contains("probe-api-1.0.jar");
    }

    private static void assertRefused(Map<String, PluginLoad<TestExtension>> byJar, String jar, String reason) {
        PluginLoad<TestExtension> load = byJar.get(jar);
        assertThat(load.loaded()).isFalse();
        assertThat(load.extension()).isNull();
        assertThat(load.refusal()).startsWith("plugin jar " + load.jar());
        assertThat(load.refusal()).contains(reason);
    }

    private static void plugin(Path directory, String file, String descriptor) throws Exception {
        TestJars.withEntries(Fixtures.extensionJar(), directory.resolve(file), Map.of(ENTRY, descriptor));
    }
}
