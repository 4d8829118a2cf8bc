package dev.isolate4j.internal.sandbox;

import static com.google.common.truth.Truth.assertThat;

import dev.isolate4j.SandboxConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SandboxCommandTest {
    @TempDir
    Path temp;

    @Test
    void classPathJarsAreSymbolicLinksIntoOneBoundDirectory() throws IOException {
        Path first = file("repository/a/a.jar");
        Path second = file("repository/b/b.jar");
        Path classes = Files.createDirectories(temp.resolve("classes"));
        Path record = file("record.txt");
        LinkedFiles links = new LinkedFiles(temp.resolve("links"));

        List<String> args = SandboxCommand.prefix(
                SandboxConfig.defaults(),
                new SandboxCommand.Needs(
                        List.of(first, second, classes), List.of(record), temp.resolve("socket"), false, links));

        Path directory = links.link(List.of(first, second)).directory();
        assertThat(args).containsAtLeast("--ro-bind", directory.toString(), directory.toString());
        assertThat(args).containsAtLeast("--symlink", linkOf(args, first), first.toString());
        assertThat(args).containsAtLeast("--symlink", linkOf(args, second), second.toString());
        // A directory, and what is not class path, are bound as they are.
        assertThat(args).containsAtLeast("--ro-bind", classes.toString(), classes.toString());
        assertThat(args).containsAtLeast("--ro-bind", record.toString(), record.toString());
        assertThat(Collections.frequency(args, first.toString())).isEqualTo(1);
    }

    @Test
    void withoutLinksEveryPathIsBound() throws IOException {
        Path jar = file("repository/a/a.jar");

        List<String> args = SandboxCommand.prefix(
                SandboxConfig.defaults(),
                new SandboxCommand.Needs(List.of(jar), List.of(), temp.resolve("socket"), false, null));

        assertThat(args).containsAtLeast("--ro-bind", jar.toString(), jar.toString());
        assertThat(args).doesNotContain("--symlink");
    }

    @Test
    void aJarInsideABoundDirectoryIsNotLinked() throws IOException {
        // bubblewrap cannot make a link inside a read-only bind, and the bind shows the jar anyway.
        Path directory = Files.createDirectories(temp.resolve("lib"));
        Path jar = file("lib/inner.jar");

        List<String> args = SandboxCommand.prefix(
                SandboxConfig.defaults(),
                new SandboxCommand.Needs(
                        List.of(directory, jar),
                        List.of(),
                        temp.resolve("socket"),
                        false,
                        new LinkedFiles(temp.resolve("links"))));

        assertThat(args).doesNotContain("--symlink");
        assertThat(args).containsAtLeast("--ro-bind", jar.toString(), jar.toString());
    }

    private static String linkOf(List<String> args, Path file) {
        int index = args.lastIndexOf(file.toString());
        assertThat(args.get(index - 2)).isEqualTo("--symlink");
        return args.get(index - 1);
    }

    private Path file(String name) throws IOException {
        Path file = temp.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, name);
    }
}
