package dev.isolate4j.internal.jdk;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.function.IntPredicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdkOptionsTest {
    private static final Path JVMS = Path.of("/usr/lib/jvm");

    @TempDir
    Path dir;

    @Test
    void jdksBefore23GetNothing() {
        assertThat(JdkOptions.forFeature(17)).isEmpty();
        assertThat(JdkOptions.forFeature(21)).isEmpty();
        assertThat(JdkOptions.forFeature(22)).isEmpty();
    }

    @Test
    void jdks23And24AllowUnsafeMemoryAccess() {
        assertThat(JdkOptions.forFeature(23)).containsExactly("--sun-misc-unsafe-memory-access=allow");
        assertThat(JdkOptions.forFeature(24)).containsExactly("--sun-misc-unsafe-memory-access=allow");
    }

    @Test
    void jdk25AndLaterOpenJavaLangInvoke() {
        assertThat(JdkOptions.forFeature(25)).containsExactly("--add-opens=java.base/java.lang.invoke=ALL-UNNAMED");
        assertThat(JdkOptions.forFeature(26)).containsExactly("--add-opens=java.base/java.lang.invoke=ALL-UNNAMED");
    }

    @Test
    void featureIsTheFirstNumberOrTheSecondOfTheOldScheme() {
        assertThat(JdkOptions.feature("25.0.3")).isEqualTo(OptionalInt.of(25));
        assertThat(JdkOptions.feature("21")).isEqualTo(OptionalInt.of(21));
        assertThat(JdkOptions.feature("26-ea")).isEqualTo(OptionalInt.of(26));
        assertThat(JdkOptions.feature("1.8.0_392")).isEqualTo(OptionalInt.of(8));
        assertThat(JdkOptions.feature("")).isEqualTo(OptionalInt.empty());
        assertThat(JdkOptions.feature("unknown")).isEqualTo(OptionalInt.empty());
    }

    @Test
    void versionIsReadFromTheReleaseFile() throws IOException {
        Files.writeString(dir.resolve("release"), "IMPLEMENTOR=\"Eclipse Adoptium\"\nJAVA_VERSION=\"25.0.3\"\n");

        assertThat(JdkOptions.forJavaHome(dir)).containsExactly("--add-opens=java.base/java.lang.invoke=ALL-UNNAMED");
    }

    @Test
    void aJdkUpgradedInPlaceIsReadAgain() throws IOException {
        Path release = Files.writeString(dir.resolve("release"), "JAVA_VERSION=\"17.0.15\"\n");
        assertThat(JdkOptions.version(dir).map(Runtime.Version::toString)).hasValue("17.0.15");

        Files.writeString(release, "JAVA_VERSION=\"25.0.3\"\n");
        Files.setLastModifiedTime(
                release, FileTime.fromMillis(Files.getLastModifiedTime(release).toMillis() + 1_000));

        assertThat(JdkOptions.version(dir).map(Runtime.Version::toString)).hasValue("25.0.3");
        assertThat(JdkOptions.featureVersion(dir)).hasValue(25);
    }

    @Test
    void aJdkWithoutReleaseFileGetsNothing() {
        assertThat(JdkOptions.featureVersion(dir)).isEqualTo(OptionalInt.empty());
        assertThat(JdkOptions.forJavaHome(dir)).isEmpty();
    }

    @Test
    void thisJvmsHomeHasItsVersion() {
        assertThat(JdkOptions.featureVersion(Path.of(System.getProperty("java.home"))))
                .isEqualTo(OptionalInt.of(Runtime.version().feature()));
    }

    /** An option a JDK does not know stops it: each installed JDK must start with its own. */
    @Test
    void everyInstalledJdkStartsWithItsOptions() throws Exception {
        List<Path> homes = installedJdks();
        for (Path home : homes) {
            List<String> options = JdkOptions.forJavaHome(home);
            int feature = JdkOptions.featureVersion(home).orElseThrow();
            assertWithMessage("options for JDK %s in %s", feature, home)
                    .that(options.isEmpty())
                    .isEqualTo(feature < 23);
            Run run = java(home, options);
            assertWithMessage("java %s -version in %s: %s", options, home, run.output)
                    .that(run.status)
                    .isEqualTo(0);
        }
    }

    /** No JDK 23 or 24 is installed here: a later one proves the spelling of their option. */
    @Test
    void theOptionOf23And24IsOneThatLaterJdksKnow() throws Exception {
        Path later = installed(feature -> feature >= 25, "the spelling of " + JdkOptions.ALLOW_UNSAFE_MEMORY_ACCESS);

        assertThat(java(later, JdkOptions.forFeature(24)).status).isEqualTo(0);
    }

    /** Why the options depend on the version. */
    @Test
    void jdk17RefusesTheOptionOf23And24() throws Exception {
        Path home17 = installed(feature -> feature == 17, "that JDK 17 refuses options it does not know");

        Run refused = java(home17, JdkOptions.forFeature(24));

        assertThat(refused.status).isNotEqualTo(0);
        assertThat(refused.output).contains("sun-misc-unsafe-memory-access");
    }

    /** An installed JDK of a version {@code wanted} accepts; the test is skipped, saying so, without. */
    private static Path installed(IntPredicate wanted, String checked) throws IOException {
        Path home = installedJdks().stream()
                .filter(candidate ->
                        wanted.test(JdkOptions.featureVersion(candidate).orElse(0)))
                .findFirst()
                .orElse(null);
        String reason = "no such JDK here or under " + JVMS + ": not checked: " + checked;
        if (home == null) {
            System.out.println("[skipped] " + reason);
        }
        Assumptions.assumeTrue(home != null, reason);
        return home;
    }

    /** This JVM's home and every JDK under /usr/lib/jvm with a release file, real paths, once each. */
    private static List<Path> installedJdks() throws IOException {
        List<Path> homes = new ArrayList<>();
        homes.add(Path.of(System.getProperty("java.home")).toRealPath());
        if (Files.isDirectory(JVMS)) {
            try (Stream<Path> entries = Files.list(JVMS)) {
                for (Path entry : entries.sorted().toList()) {
                    if (Files.isRegularFile(entry.resolve("release"))
                            && Files.isExecutable(entry.resolve("bin").resolve("java"))) {
                        Path real = entry.toRealPath();
                        if (!homes.contains(real)) {
                            homes.add(real);
                        }
                    }
                }
            }
        }
        return homes;
    }

    private record Run(int status, String output) {}

    private static Run java(Path home, List<String> options) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(home.resolve("bin").resolve("java").toString());
        command.addAll(options);
        command.add("-version");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(command + " did not exit within 30 s");
        }
        return new Run(process.exitValue(), output);
    }
}
