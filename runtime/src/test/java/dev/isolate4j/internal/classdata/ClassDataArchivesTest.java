package dev.isolate4j.internal.classdata;

import static com.google.common.truth.Truth.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which starts get an archive, and which archives are kept. */
class ClassDataArchivesTest {
    @TempDir
    Path tmp;

    @Test
    void theDumpTakesTheOptionsThatDecideWhetherAnArchiveMaps() {
        List<String> options = List.of(
                "-Xmx40g",
                "-XX:+UseSerialGC",
                "-XX:-UseCompressedOops",
                "-XX:ObjectAlignmentInBytes=16",
                "-Dsecret=x",
                "-javaagent:/tmp/agent.jar",
                "-Xlog:gc:file=/tmp/gc.log",
                "-XX:+HeapDumpOnOutOfMemoryError");

        assertThat(ClassDataArchives.layoutOptions(options))
                .containsExactly(
                        "-Xmx40g", "-XX:+UseSerialGC", "-XX:-UseCompressedOops", "-XX:ObjectAlignmentInBytes=16")
                .inOrder();
    }

    @Test
    void onlyTheNewestArchivesAreKept() throws Exception {
        for (int i = 0; i < 6; i++) {
            Path archive = Files.writeString(tmp.resolve("archive" + i + ".jsa"), "x");
            Files.setLastModifiedTime(archive, FileTime.fromMillis(1_000_000L * (i + 1)));
        }
        Files.writeString(tmp.resolve("archive0.log"), "kept: not an archive");

        ClassDataArchives.removeAllButNewest(tmp, 4);

        try (Stream<Path> files = Files.list(tmp)) {
            assertThat(files.map(file -> file.getFileName().toString()).toList())
                    .containsExactly("archive2.jsa", "archive3.jsa", "archive4.jsa", "archive5.jsa", "archive0.log");
        }
    }

    @Test
    void aClassPathWithADirectoryGetsNoArchive() throws Exception {
        Path jar = Files.writeString(tmp.resolve("a.jar"), "not really a jar");
        Path classes = Files.createDirectories(tmp.resolve("classes"));
        ClassDataArchives archives = new ClassDataArchives(tmp.resolve("archives"));
        Path javaHome = Path.of(System.getProperty("java.home"));

        ClassDataArchives.Plan withDirectory =
                archives.plan(javaHome, jar + java.io.File.pathSeparator + classes, List.of(), tmp);
        ClassDataArchives.Plan jarsOnly = archives.plan(javaHome, jar.toString(), List.of(), tmp);

        assertThat(withDirectory).isSameInstanceAs(ClassDataArchives.Plan.NONE);
        assertThat(jarsOnly.jvmOptions()).containsExactly("-XX:DumpLoadedClassList=" + tmp.resolve("classes.lst"));
        // A second start while the first records gets nothing rather than a second recording.
        assertThat(archives.plan(javaHome, jar.toString(), List.of(), tmp))
                .isSameInstanceAs(ClassDataArchives.Plan.NONE);
        jarsOnly.onFailed().run();
        assertThat(archives.plan(javaHome, jar.toString(), List.of(), tmp).jvmOptions())
                .isNotEmpty();
    }
}
