package dev.isolate4j.internal.classdata;

import static com.google.common.truth.Truth.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dumper, with a real dumping JVM: an archive in place, or nothing at all. */
class ArchiveDumperTest {
    static final Path JAVA_HOME = Path.of(System.getProperty("java.home"));

    @TempDir
    Path tmp;

    @Test
    void aCompleteArchiveIsMovedIntoPlaceAndNothingElseIsLeft() throws Exception {
        Path list = Files.writeString(tmp.resolve("0abc.lst"), "java/lang/Object\njava/lang/String\n");
        Path archive = tmp.resolve("0abc.jsa");

        boolean dumped = new ArchiveDumper(JAVA_HOME, list, archive, List.of()).dump();

        assertThat(dumped).isTrue();
        assertThat(ArchiveFiles.isCompleteArchive(archive)).isTrue();
        assertThat(fileNames()).containsExactly("0abc.jsa");
    }

    @Test
    void aDumpThatFailsLeavesNothing() throws Exception {
        Path list = Files.writeString(tmp.resolve("0abc.lst"), "java/lang/Object\n");
        Path archive = tmp.resolve("0abc.jsa");

        // A JVM that refuses its options: the dumping JVM never starts.
        boolean dumped = new ArchiveDumper(JAVA_HOME, list, archive, List.of("-XX:ObjectAlignmentInBytes=3")).dump();

        assertThat(dumped).isFalse();
        assertThat(fileNames()).isEmpty();
    }

    @Test
    void onlyAPlainFileThatStartsAsACompleteArchiveIsOne() throws Exception {
        Path zeros = Files.write(tmp.resolve("zeros.jsa"), new byte[4096]);
        Path jdkArchive = JAVA_HOME.resolve("lib/server/classes.jsa");
        Path link = Files.createSymbolicLink(tmp.resolve("link.jsa"), jdkArchive);

        // The JVM writes the header last: a dump that died half way leaves zeros there.
        assertThat(ArchiveFiles.isCompleteArchive(zeros)).isFalse();
        assertThat(ArchiveFiles.isCompleteArchive(link)).isFalse();
        assertThat(ArchiveFiles.isCompleteArchive(tmp.resolve("missing.jsa"))).isFalse();
        assertThat(ArchiveFiles.isCompleteArchive(jdkArchive)).isTrue();
    }

    private List<String> fileNames() throws Exception {
        try (Stream<Path> files = Files.list(tmp)) {
            return files.map(file -> file.getFileName().toString())
                    .filter(name -> !name.equals("link.jsa"))
                    .toList();
        }
    }
}
