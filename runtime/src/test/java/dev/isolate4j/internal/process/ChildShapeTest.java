package dev.isolate4j.internal.process;

import static com.google.common.truth.Truth.assertThat;

import dev.isolate4j.SandboxConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link ChildShape}'s written-out equality: that of its components, the sandbox's settings by value. */
class ChildShapeTest {
    @Test
    void shapesOfEqualSettingsAreEqualWhateverTheInstances() {
        ChildShape one = shape(SandboxConfig.builder().network(false).build(), "-Xmx512m");
        ChildShape other = shape(SandboxConfig.builder().network(false).build(), "-Xmx512m");

        assertThat(one).isEqualTo(other);
        assertThat(one.hashCode()).isEqualTo(other.hashCode());
    }

    @Test
    void anySettingThatDiffersMakesAnotherShape() {
        ChildShape base = shape(SandboxConfig.defaults(), "-Xmx512m");

        assertThat(base).isNotEqualTo(shape(SandboxConfig.defaults(), "-Xmx700m"));
        assertThat(base)
                .isNotEqualTo(shape(SandboxConfig.builder().network(true).build(), "-Xmx512m"));
        assertThat(base).isNotEqualTo(shape(SandboxConfig.disabled(), "-Xmx512m"));
        assertThat(base)
                .isNotEqualTo(shape(
                        SandboxConfig.builder()
                                .readOnlyPaths(List.of(Path.of("/data")))
                                .build(),
                        "-Xmx512m"));
        assertThat(base)
                .isNotEqualTo(new ChildShape(
                        Path.of("/jdk"),
                        List.of("-Xmx512m"),
                        Map.of(),
                        "runtime.jar",
                        true,
                        SandboxConfig.defaults(),
                        true));
    }

    @Test
    void theFirstDifferenceIsNamedAsAMessageSaysIt() {
        ChildShape theirs = shape(SandboxConfig.defaults(), "-Xmx512m");

        assertThat(theirs.firstDifference(shape(SandboxConfig.defaults(), "-Xmx512m")))
                .isEmpty();
        assertThat(theirs.firstDifference(
                                shape(Path.of("/jdk25"), SandboxConfig.defaults(), List.of("-Xmx512m"), Map.of()))
                        .orElseThrow())
                .isEqualTo("javaHome /jdk25 where theirs is /jdk");
        assertThat(theirs.firstDifference(shape(SandboxConfig.defaults(), "-Xmx1g"))
                        .orElseThrow())
                .isEqualTo("the JVM options [-Xmx1g] where theirs are [-Xmx512m]");
        assertThat(theirs.firstDifference(shape(SandboxConfig.disabled(), "-Xmx512m"))
                        .orElseThrow())
                .startsWith("the sandbox SandboxConfig[mode=DISABLED");
    }

    @Test
    void anEnvironmentThatDiffersIsNamedByItsVariablesNeverTheirValues() {
        ChildShape theirs = shape(Path.of("/jdk"), SandboxConfig.defaults(), List.of(), Map.of("TOKEN", "0ld-s3cret"));
        ChildShape wanted = shape(Path.of("/jdk"), SandboxConfig.defaults(), List.of(), Map.of("TOKEN", "s3cret"));

        String difference = theirs.firstDifference(wanted).orElseThrow();

        assertThat(difference).contains("[TOKEN]");
        assertThat(difference).doesNotContain("s3cret");
    }

    private static ChildShape shape(SandboxConfig sandbox, String heap) {
        return shape(Path.of("/jdk"), sandbox, List.of(heap), Map.of());
    }

    private static ChildShape shape(
            Path javaHome, SandboxConfig sandbox, List<String> jvmArgs, Map<String, String> env) {
        return new ChildShape(javaHome, jvmArgs, env, "runtime.jar", true, sandbox, false);
    }
}
