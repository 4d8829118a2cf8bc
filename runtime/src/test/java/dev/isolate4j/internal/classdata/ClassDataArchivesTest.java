package dev.isolate4j.internal.classdata;

import static com.google.common.truth.Truth.assertThat;

import dev.isolate4j.testing.GoneProcesses;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which starts get an archive, which archives are kept, and what a dead process leaves to clean. */
class ClassDataArchivesTest {
    static final Path JAVA_HOME = Path.of(System.getProperty("java.home"));

    @TempDir
    Path tmp;

    Path jar;
    Path directory;

    @BeforeEach
    void aJarAndADirectoryForArchives() throws Exception {
        jar = Files.writeString(tmp.resolve("a.jar"), "not really a jar");
        directory = tmp.resolve("archives");
    }

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
        Path archives = Files.createDirectories(tmp.resolve("archives"));
        for (int i = 0; i < 6; i++) {
            Path archive = Files.writeString(archives.resolve("archive" + i + ".jsa"), "x");
            Files.setLastModifiedTime(archive, FileTime.fromMillis(1_000_000L * (i + 1)));
        }
        Files.writeString(archives.resolve("archive0.log"), "kept: not an archive");

        ArchiveFiles.removeAllButNewest(archives, 4);

        assertThat(fileNames(archives))
                .containsExactly("archive2.jsa", "archive3.jsa", "archive4.jsa", "archive5.jsa", "archive0.log");
    }

    @Test
    void aClassPathWithADirectoryGetsNoArchive() throws Exception {
        Path classes = Files.createDirectories(tmp.resolve("classes"));
        ClassDataArchives archives = new ClassDataArchives(directory);

        ClassDataArchives.Plan withDirectory =
                archives.plan(JAVA_HOME, jar + File.pathSeparator + classes, List.of(), tmp);
        ClassDataArchives.Plan jarsOnly = archives.plan(JAVA_HOME, jar.toString(), List.of(), tmp);

        assertThat(withDirectory).isSameInstanceAs(ClassDataArchives.Plan.NONE);
        assertThat(jarsOnly.jvmOptions()).containsExactly("-XX:DumpLoadedClassList=" + tmp.resolve("classes.lst"));
        // A second start while the first records gets nothing rather than a second recording, even
        // through another manager of this JVM.
        assertThat(archives.plan(JAVA_HOME, jar.toString(), List.of(), tmp))
                .isSameInstanceAs(ClassDataArchives.Plan.NONE);
        assertThat(new ClassDataArchives(directory).plan(JAVA_HOME, jar.toString(), List.of(), tmp))
                .isSameInstanceAs(ClassDataArchives.Plan.NONE);
        jarsOnly.onFailed().run();
        assertThat(archives.plan(JAVA_HOME, jar.toString(), List.of(), tmp).jvmOptions())
                .isNotEmpty();
    }

    @Test
    void aChildThatLeftNoClassListLetsTheNextStartRecord() {
        ClassDataArchives archives = new ClassDataArchives(directory);

        archives.plan(JAVA_HOME, jar.toString(), List.of(), tmp).onGone().run();

        assertThat(archives.plan(JAVA_HOME, jar.toString(), List.of(), tmp).jvmOptions())
                .isNotEmpty();
    }

    @Test
    void aLockHeldByAProcessThatDiedStandsInNobodysWay() throws Exception {
        ClassDataArchives archives = new ClassDataArchives(directory);
        archives.plan(JAVA_HOME, jar.toString(), List.of(), tmp).onFailed().run();
        Path lock;
        try (Stream<Path> files = Files.list(directory)) {
            lock = files.filter(file -> file.toString().endsWith(".lock"))
                    .findFirst()
                    .orElseThrow();
        }
        Process holder = LockHolder.start(lock);
        try {
            assertThat(archives.plan(JAVA_HOME, jar.toString(), List.of(), tmp))
                    .isSameInstanceAs(ClassDataArchives.Plan.NONE);
        } finally {
            holder.destroyForcibly().waitFor(); // SIGKILL: the system releases its lock
        }

        assertThat(archives.plan(JAVA_HOME, jar.toString(), List.of(), tmp).jvmOptions())
                .isNotEmpty();
    }

    @Test
    void aRecordingRemovesTheTemporariesOfProcessesThatAreGone() throws Exception {
        Files.createDirectories(directory);
        long gone = GoneProcesses.pid();
        long self = ProcessHandle.current().pid();
        Files.writeString(directory.resolve("0abc." + gone + ".jsa.tmp"), "half an archive");
        Files.writeString(directory.resolve("0abc." + gone + ".lst.tmp"), "a class list");
        Files.writeString(directory.resolve("0abc." + self + ".jsa.tmp"), "being written");
        Path oldUnnamed = Files.writeString(directory.resolve("0abc.jsa.tmp"), "an old release's dump");
        Files.setLastModifiedTime(oldUnnamed, FileTime.fromMillis(System.currentTimeMillis() - 3_600_000));
        Files.writeString(directory.resolve("0def.lst.tmp"), "an old release's dump, now");

        new ClassDataArchives(directory).plan(JAVA_HOME, jar.toString(), List.of(), tmp);

        assertThat(fileNames(directory)).containsAtLeast("0abc." + self + ".jsa.tmp", "0def.lst.tmp");
        assertThat(fileNames(directory))
                .containsNoneOf("0abc." + gone + ".jsa.tmp", "0abc." + gone + ".lst.tmp", "0abc.jsa.tmp");
    }

    private static List<String> fileNames(Path directory) throws Exception {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(file -> file.getFileName().toString()).toList();
        }
    }
}
