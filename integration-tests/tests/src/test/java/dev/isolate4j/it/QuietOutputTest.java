package dev.isolate4j.it;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A host and its child on JDK 17 and 25, in any mix, print nothing on stderr in the default
 * configuration: the sandbox as it comes (on, where bubblewrap works), class-data sharing on, no JVM
 * options for the child. The host ({@link QuietHost}) logs through slf4j-simple as it comes, at INFO
 * on its stderr, where every line its child writes to stdout or stderr arrives too: so its stderr
 * holds both JVMs' warnings and both processes' logs, and must stay empty.
 *
 * <p>The child's command line is the runtime's to choose; the host's is the application's. A host on
 * JDK 25 whose calls carry values through Fory needs {@code java.lang.invoke} opened to it, or Fory
 * takes a trusted lookup through {@code sun.misc.Unsafe} and the JDK warns (README, "JDK 25"): those
 * hosts run here with that one option, and {@link #aHostOn25WithoutTheOpeningWarnsOnceForyRuns} shows
 * what it prevents. JDK 25 is looked for under /usr/lib/jvm; without it, these tests are skipped
 * with a printed reason.
 *
 * <p>The host runs from jars, as a deployed application does: children of a class path with
 * directories get no class-data archive, and a child that maps one is where a JDK 25 prints errors
 * when the options it was dumped with differ.
 */
@Timeout(value = 240)
class QuietOutputTest {
    static final String OPEN_LANG_INVOKE = "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED";

    /** Shared: each child JDK's class-data archive is dumped once, and mapped by the later starts. */
    @TempDir
    static Path envRoot;

    @TempDir
    static Path jars;

    /** This test's class path, each directory made a jar, without entries that do not exist. */
    static String hostClassPath;

    @BeforeAll
    static void jarTheClassPath() throws IOException {
        List<String> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Path.of(entry);
            if (Files.isDirectory(path)) {
                entries.add(jar(path, jars.resolve(entries.size() + ".jar")));
            } else if (Files.isRegularFile(path)) {
                entries.add(entry); // not one that does not exist (target/classes of this module)
            }
        }
        hostClassPath = String.join(File.pathSeparator, entries);
    }

    @ParameterizedTest(name = "host on JDK {0}, child on JDK {1}")
    @CsvSource({"17, 17", "17, 25", "25, 17", "25, 25"})
    void hostAndChildPrintNothingOnStderr(int hostFeature, int childFeature) throws Exception {
        Path host = Jdks.require(hostFeature, "a host on JDK " + hostFeature);
        Path child = Jdks.require(childFeature, "a child on JDK " + childFeature);
        List<String> hostOptions = hostFeature >= 25 ? List.of(OPEN_LANG_INVOKE) : List.of();

        HostRun run = run(host, hostOptions, child, QuietHost.FORY);

        assertWithMessage("the stderr of a host on JDK %s with a child on JDK %s", hostFeature, childFeature)
                .that(run.stderr())
                .isEmpty();
        // The second child mapped its JDK's archive: where options that differ from the dump's print errors.
        assertWithMessage("the host's stdout").that(run.stdout()).contains(QuietHost.ARCHIVE_MAPPED);
    }

    @Test
    void aHostOn25WithoutOptionsIsQuietWhileNoValueNeedsFory() throws Exception {
        Path jdk25 = Jdks.require(25, "a host on JDK 25 without options");

        HostRun run = run(jdk25, List.of(), jdk25, QuietHost.SIMPLE);

        assertWithMessage("the stderr of a host on JDK 25, without options, making simple calls")
                .that(run.stderr())
                .isEmpty();
    }

    /** What the host's opening prevents, and proof that these tests see the host's stderr. */
    @Test
    void aHostOn25WithoutTheOpeningWarnsOnceForyRuns() throws Exception {
        Path jdk25 = Jdks.require(25, "a host on JDK 25 without options");

        String stderr =
                String.join("\n", run(jdk25, List.of(), jdk25, QuietHost.FORY).stderr());

        assertThat(stderr).contains("WARNING: sun.misc.Unsafe::staticFieldOffset has been called by org.apache.fory");
        assertThat(stderr).doesNotContain("[quiet:");
    }

    private record HostRun(List<String> stdout, List<String> stderr) {}

    /** Runs {@link QuietHost} and returns what it printed, once it exited with status 0 and said DONE. */
    private static HostRun run(Path host, List<String> hostOptions, Path child, String mode) throws Exception {
        try (HostJvm jvm = HostJvm.startOn(
                host,
                hostClassPath,
                QuietHost.class,
                hostOptions,
                List.of(
                        Fixtures.extensionJar().toAbsolutePath().toString(),
                        envRoot.toAbsolutePath().toString(),
                        child.toString(),
                        mode))) {
            int status = jvm.awaitExit(Duration.ofSeconds(120));
            assertWithMessage(
                            "exit status of the host; its stdout:\n%s\nits stderr:\n%s",
                            jvm.output(), String.join("\n", jvm.errorLines()))
                    .that(status)
                    .isEqualTo(0);
            assertThat(jvm.lines()).contains(QuietHost.DONE);
            return new HostRun(jvm.lines(), jvm.errorLines());
        }
    }

    /** Writes the files under {@code directory} into the jar {@code target}, and returns its path. */
    private static String jar(Path directory, Path target) throws IOException {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(target));
                Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(
                        new JarEntry(directory.relativize(file).toString().replace(File.separatorChar, '/')));
                Files.copy(file, out);
                out.closeEntry();
            }
        }
        return target.toString();
    }
}
