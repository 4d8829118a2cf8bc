package dev.isolate4j;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The checks {@link ExtensionConfig} runs on dependencies and repositories (see ConfigChecks). */
class ExtensionConfigTest {
    private static ExtensionConfig.Builder isolated(String name) {
        return ExtensionConfig.builder(name)
                .modulePath(Path.of("extension.jar"))
                .isolated(true);
    }

    @Test
    void acceptsCoordinatesAndKeepsThemInOrder() {
        ExtensionConfig config = isolated("greeter")
                .dependencies("org.example:a:1.0", "org.example:b:jar:tests:[1.0,2.0)", "org.example:c:pom:2")
                .build();

        assertThat(config.dependencies())
                .containsExactly("org.example:a:1.0", "org.example:b:jar:tests:[1.0,2.0)", "org.example:c:pom:2")
                .inOrder();
        assertThat(config.isolated()).isTrue();
    }

    @Test
    void dependenciesAreCopied() {
        List<String> dependencies = new ArrayList<>(List.of("org.example:a:1.0"));
        ExtensionConfig config = isolated("greeter").dependencies(dependencies).build();

        dependencies.add("a:b:1;rm -rf /");

        assertThat(config.dependencies()).containsExactly("org.example:a:1.0");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "a:b:1;rm -rf /",
                "g:a:$(x)",
                "g:a:`id`",
                "g:a:1|sh",
                "g:a:1&",
                "g:a b:1",
                "g:a:'1'",
                "../x:y:1",
                "/etc/passwd",
                "http://evil/x:y:1",
                "-Dfoo=bar",
                "--help",
                ":a:1",
                "g::1",
                "g:a:",
                "g:a",
                "a:b:c:d:e:f",
                "g:a:[1.0;2.0)",
            })
    void aBadDependencyIsRefusedNamingTheExtensionAndTheEntry(String dependency) {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> isolated("greeter")
                        .dependencies("org.example:fine:1.0", dependency)
                        .build());

        assertThat(e).hasMessageThat().startsWith("extension 'greeter': ");
        assertThat(e).hasMessageThat().contains("dependency '" + dependency + "'");
        assertThat(e).hasMessageThat().contains("is not a Maven coordinate");
        assertThat(e).hasMessageThat().doesNotContain("org.example:fine:1.0");
    }

    @Test
    void aBadDependencyIsRefusedEvenWhenNotIsolated() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> ExtensionConfig.builder("plain")
                        .modulePath(Path.of("extension.jar"))
                        .dependencies("$(x):a:1")
                        .build());

        assertThat(e).hasMessageThat().contains("extension 'plain'");
        assertThat(e).hasMessageThat().contains("dependency '$(x):a:1'");
    }

    @Test
    void aNullDependencyIsRefused() {
        List<String> dependencies = new ArrayList<>();
        dependencies.add(null);

        assertThrows(
                NullPointerException.class,
                () -> isolated("greeter").dependencies(dependencies).build());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://repo.maven.apache.org/maven2/",
                "https://repo.example.com:8443/artifactory/libs-release",
                "http://localhost:8081/repository/maven-public/",
                "file:///tmp/repository",
                "file:/tmp/repository/",
                "file:///C:/Users/me/repository",
            })
    void acceptsHttpsHttpAndFileRepositories(String repository) {
        ExtensionConfig config = isolated("greeter")
                .dependencies("org.example:a:1.0")
                .repositories(List.of(repository))
                .build();

        assertThat(config.repositories()).containsExactly(repository);
    }

    @Test
    void keepsRepositoriesInOrder() {
        List<String> repositories = List.of("file:///tmp/first", "https://second.example.com/", "http://third/");

        ExtensionConfig config = isolated("greeter").repositories(repositories).build();

        assertThat(config.repositories())
                .containsExactlyElementsIn(repositories)
                .inOrder();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "ftp://repo.example.com/maven2/",
                "sftp://repo.example.com/maven2/",
                "scp://repo.example.com/maven2/",
                "jar:file:///tmp/x.jar!/",
                "javascript:alert(1)",
                "repository",
                "relative/path/to/repository",
                "../repository",
                "/absolute/path/without/scheme",
                "-Dmaven.repo.local=/tmp/x",
                "--help",
                "",
            })
    void refusesOtherSchemesAndPathsNamingTheEntry(String repository) {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> isolated("greeter")
                        .repositories(List.of("https://fine.example.com/", repository))
                        .build());

        assertThat(e).hasMessageThat().startsWith("extension 'greeter': ");
        assertThat(e).hasMessageThat().contains("repository '" + repository + "' is not accepted");
        assertThat(e).hasMessageThat().contains("its scheme is not one of");
        assertThat(e).hasMessageThat().contains("https://repo.example.com/maven2/");
        assertThat(e).hasMessageThat().doesNotContain("https://fine.example.com/");
    }

    @ParameterizedTest
    @ValueSource(strings = {"not a url", "http://exa mple.com/", "https://host/%zz", "file:///tmp/a b", "https://"})
    void refusesWhatIsNotAUrlNamingTheEntry(String repository) {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> isolated("greeter").repositories(List.of(repository)).build());

        assertThat(e).hasMessageThat().startsWith("extension 'greeter': ");
        assertThat(e).hasMessageThat().contains("repository '" + repository + "' is not accepted");
        assertThat(e).hasMessageThat().contains("it is not a URL");
    }

    @Test
    void notIsolatedWithDependenciesIsRefused() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> ExtensionConfig.builder("plain")
                        .modulePath(Path.of("extension.jar"))
                        .isolated(false)
                        .dependencies("org.example:a:1.0")
                        .build());

        assertThat(e).hasMessageThat().contains("extension 'plain' is not isolated");
        assertThat(e).hasMessageThat().contains("org.example:a:1.0");
        assertThat(e).hasMessageThat().contains("isolated(true)");
    }

    @Test
    void notIsolatedWithoutDependenciesIsAccepted() {
        ExtensionConfig config = ExtensionConfig.builder("plain")
                .modulePath(Path.of("extension.jar"))
                .build();

        assertThat(config.isolated()).isFalse();
        assertThat(config.dependencies()).isEmpty();
        assertThat(config.repositories()).isEmpty();
    }
}
