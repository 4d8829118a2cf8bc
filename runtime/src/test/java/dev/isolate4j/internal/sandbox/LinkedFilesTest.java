package dev.isolate4j.internal.sandbox;

import static com.google.common.truth.Truth.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinkedFilesTest {
    @TempDir
    Path temp;

    @Test
    void aSetOfFilesIsLinkedIntoOneDirectoryOfItsOwn() throws IOException {
        Path first = jar("a/lib.jar", "first");
        Path second = jar("b/lib.jar", "second");
        LinkedFiles links = new LinkedFiles(temp.resolve("links"));

        LinkedFiles.Linked linked = links.link(List.of(first, second));

        assertThat(linked.links().keySet()).containsExactly(first, second);
        for (Path file : List.of(first, second)) {
            Path link = linked.links().get(file);
            assertThat(link.getParent()).isEqualTo(linked.directory());
            assertThat(Files.isSameFile(link, file)).isTrue();
        }
        try (var entries = Files.list(linked.directory())) {
            assertThat(entries.count()).isEqualTo(2);
        }
        // Another set, another directory: a child sees only the files it was given.
        assertThat(links.link(List.of(first)).directory()).isNotEqualTo(linked.directory());
    }

    @Test
    void aFileReplacedSinceItWasLinkedIsLinkedAgain() throws IOException {
        Path file = jar("lib.jar", "version 1");
        LinkedFiles links = new LinkedFiles(temp.resolve("links"));
        Path link = links.link(List.of(file)).links().get(file);

        // As a rebuilt snapshot: a new file under the old name.
        Files.delete(file);
        Files.writeString(file, "version 2");
        Path again = links.link(List.of(file)).links().get(file);

        assertThat(again).isEqualTo(link);
        assertThat(Files.readString(again)).isEqualTo("version 2");
        try (var entries = Files.list(link.getParent())) {
            assertThat(entries.toList()).containsExactly(link); // no temporary link left behind
        }
    }

    @Test
    void aFileThatCannotBeLinkedIsLeftToTheCaller() throws IOException {
        Path present = jar("present.jar", "here");
        Path missing = temp.resolve("missing.jar");

        LinkedFiles.Linked linked = new LinkedFiles(temp.resolve("links")).link(List.of(present, missing));

        assertThat(linked.links().keySet()).containsExactly(present);
    }

    @Test
    void nothingIsLinkedWhenTheDirectoryCannotBeCreated() throws IOException {
        Path file = jar("lib.jar", "x");
        Path notADirectory = jar("links", "a file where the directory would go");

        assertThat(new LinkedFiles(notADirectory).link(List.of(file)).links()).isEmpty();
    }

    @Test
    void setsNoStartUsedForLongAreRemovedWithTheirLinks() throws IOException {
        Path old = jar("old.jar", "old");
        Path recent = jar("recent.jar", "recent");
        LinkedFiles links = new LinkedFiles(temp.resolve("links"));
        // Linked by a host that is gone: its lock file is left, and nobody holds the lock.
        Path oldSet = Files.createDirectories(temp.resolve("links/0123456789ab"));
        Files.createLink(oldSet.resolve("old.jar"), old);
        Path goneHostsLock = Files.createFile(
                Files.createDirectories(temp.resolve("links/.in-use")).resolve("0123456789ab-99999-1"));
        Path recentSet = links.link(List.of(recent)).directory();
        Files.setLastModifiedTime(oldSet, FileTime.from(Instant.now().minus(Duration.ofDays(31))));

        assertThat(links.removeUnused(Duration.ofDays(30))).isEqualTo(1);

        assertThat(Files.exists(oldSet)).isFalse();
        assertThat(Files.exists(goneHostsLock)).isFalse();
        assertThat(Files.exists(recentSet)).isTrue();
        assertThat(Files.readString(old)).isEqualTo("old"); // the jar itself stays
        // Using a set again keeps it.
        links.link(List.of(recent));
        assertThat(links.removeUnused(Duration.ofDays(30))).isEqualTo(0);
    }

    /** A new envRoot's clean-up, at a manager's creation, finds nothing and makes nothing. */
    @Test
    void aRootNotMadeYetHasNothingToRemove() {
        Path root = temp.resolve("not-yet");

        assertThat(new LinkedFiles(root).removeUnused(Duration.ofDays(30))).isEqualTo(0);

        assertThat(Files.exists(root)).isFalse();
    }

    /**
     * A set this host linked stays while it runs, however long no start touched it: a spare that
     * waits, or an extension that runs for weeks, may open a jar of its class path at any time, and
     * another host's (or manager's) clean-up removed the links from under it.
     */
    @Test
    void aSetARunningHostLinkedIsKeptHoweverLongItWentUnused() throws IOException {
        Path jar = jar("held.jar", "held");
        LinkedFiles.Linked linked = new LinkedFiles(temp.resolve("links")).link(List.of(jar));
        Files.setLastModifiedTime(
                linked.directory(), FileTime.from(Instant.now().minus(Duration.ofDays(31))));

        // Another manager's clean-up, on the same root.
        assertThat(new LinkedFiles(temp.resolve("links")).removeUnused(Duration.ofDays(30)))
                .isEqualTo(0);

        assertThat(Files.readString(linked.links().get(jar))).isEqualTo("held");
    }

    /**
     * A closed manager lets go: its lock's file is closed and removed (a host that creates managers
     * for many roots would otherwise keep a descriptor for each set it ever used), and the set is
     * removed once unused for long; while another manager of the same JVM still uses it, it stays.
     */
    @Test
    void theLastManagerOfThisJvmToReleaseASetLetsItGo() throws IOException {
        Path jar = jar("released.jar", "released");
        LinkedFiles first = new LinkedFiles(temp.resolve("links"));
        LinkedFiles second = new LinkedFiles(temp.resolve("links"));
        LinkedFiles.Linked linked = first.link(List.of(jar));
        second.link(List.of(jar));
        Files.setLastModifiedTime(
                linked.directory(), FileTime.from(Instant.now().minus(Duration.ofDays(31))));

        first.release();
        assertThat(new LinkedFiles(temp.resolve("links")).removeUnused(Duration.ofDays(30)))
                .isEqualTo(0);
        assertThat(lockFiles()).hasSize(1);

        second.release();
        assertThat(lockFiles()).isEmpty();
        assertThat(new LinkedFiles(temp.resolve("links")).removeUnused(Duration.ofDays(30)))
                .isEqualTo(1);
        assertThat(Files.exists(linked.directory())).isFalse();
    }

    private List<Path> lockFiles() throws IOException {
        try (var files = Files.list(temp.resolve("links").resolve(".in-use"))) {
            return files.toList();
        }
    }

    private Path jar(String name, String content) throws IOException {
        Path file = temp.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content);
    }
}
