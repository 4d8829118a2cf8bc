package dev.isolate4j.it;

import static com.google.common.truth.Truth.assertThat;

import dev.isolate4j.ExtensionHandle;
import dev.isolate4j.ExtensionManager;
import dev.isolate4j.it.api.Chatter;
import dev.isolate4j.it.api.TestExtension;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The child JVM is configurable: another JDK, JVM options, environment variables. */
class ChildJvmTest {
    @Test
    void jvmArgsAndEnvironmentReachTheChild(@TempDir Path envRoot) {
        try (ExtensionManager<TestExtension> manager = Fixtures.manager(envRoot)) {
            TestExtension extension = manager.loadExtension(Fixtures.config("configured")
                    .jvmArgs(List.of("-Dit.flag=on", "-Xmx96m"))
                    .env(Map.of("IT_FLAG", "yes"))
                    .build());
            Chatter chatter = ExtensionHandle.of(extension).createCaller(Chatter.class, "chatter");

            assertThat(chatter.systemProperty("it.flag")).isEqualTo("on");
            assertThat(chatter.environmentVariable("IT_FLAG")).isEqualTo("yes");
            assertThat(extension.commandLine()).contains("-Xmx96m");
        }
    }

    /**
     * A child's C allocator is set to keep less of what a burst took (two arenas, not one per
     * thread; large blocks mapped on their own), in the sandbox too; the user's environment wins.
     */
    @Test
    void theChildsAllocatorSettingsReachItAndTheUsersWin(@TempDir Path envRoot) {
        try (ExtensionManager<TestExtension> manager = Fixtures.manager(envRoot)) {
            Chatter defaults = ExtensionHandle.of(
                            manager.loadExtension(Fixtures.config("defaults").build()))
                    .createCaller(Chatter.class, "chatter");
            Chatter tuned = ExtensionHandle.of(manager.loadExtension(Fixtures.config("tuned")
                            .env(Map.of("MALLOC_ARENA_MAX", "8"))
                            .build()))
                    .createCaller(Chatter.class, "chatter");

            assertThat(defaults.environmentVariable("MALLOC_ARENA_MAX")).isEqualTo("2");
            assertThat(defaults.environmentVariable("MALLOC_MMAP_THRESHOLD_")).isEqualTo("32768");
            assertThat(tuned.environmentVariable("MALLOC_ARENA_MAX")).isEqualTo("8");
        }
    }

    /**
     * A child starts with isolate4j's JIT defaults (thresholds four times the JDK's, for a cheaper
     * start), and the user's own options come after them, so that the user's win: the JVM takes the
     * last of a repeated option.
     */
    @Test
    void theUsersJvmArgsComeAfterTheChildsDefaultsAndWin(@TempDir Path envRoot) {
        try (ExtensionManager<TestExtension> manager = Fixtures.manager(envRoot)) {
            TestExtension defaults =
                    manager.loadExtension(Fixtures.config("defaults").build());
            TestExtension tuned = manager.loadExtension(Fixtures.config("tuned")
                    .jvmArgs(List.of("-XX:CompileThresholdScaling=1"))
                    .build());

            assertThat(defaults.commandLine()).contains("-XX:CompileThresholdScaling=4");
            assertThat(defaults.commandLine()).doesNotContain("-XX:CompileThresholdScaling=1");
            List<String> tunedLine = tuned.commandLine();
            assertThat(tunedLine.lastIndexOf("-XX:CompileThresholdScaling=1"))
                    .isGreaterThan(tunedLine.lastIndexOf("-XX:CompileThresholdScaling=4"));
        }
    }

    @Test
    void javaHomeRunsTheChildOnAnotherJdk(@TempDir Path envRoot) {
        // 25 under a host on 17 (as CI runs), 17 under a host on 25.
        int other = Runtime.version().feature() == 25 ? 17 : 25;
        Path otherJdk = Jdks.require(other, "a child on another JDK than its host's");
        try (ExtensionManager<TestExtension> manager = Fixtures.manager(envRoot)) {
            TestExtension extension = manager.loadExtension(
                    Fixtures.config("on-" + other).javaHome(otherJdk).build());
            Chatter chatter = ExtensionHandle.of(extension).createCaller(Chatter.class, "chatter");

            assertThat(chatter.systemProperty("java.specification.version")).isEqualTo(String.valueOf(other));
            assertThat(System.getProperty("java.specification.version")).isNotEqualTo(String.valueOf(other));
            assertThat(extension.echo("across JDKs")).isEqualTo("across JDKs");
        }
    }

    /** Large values cross a child on 25 intact, in both directions, call after call. */
    @Test
    void largeValuesCrossAChildOn25Intact(@TempDir Path envRoot) {
        Path jdk25 = Jdks.require(25, "large values across a child on 25");
        StringBuilder pattern = new StringBuilder();
        for (int i = 0; pattern.length() < (6 << 20); i++) {
            pattern.append(Integer.toString(i, 36)).append(' ');
        }
        String large = pattern.toString();
        try (ExtensionManager<TestExtension> manager = Fixtures.manager(envRoot)) {
            TestExtension extension = manager.loadExtension(
                    Fixtures.config("large-on-25").javaHome(jdk25).build());

            for (int i = 0; i < 3; i++) {
                assertThat(extension.echo(large)).isEqualTo(large);
            }
            assertThat(extension.length(large)).isEqualTo(large.length());
        }
    }
}
