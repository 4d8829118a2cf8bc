package dev.isolate4j.internal.sandbox;

import static com.google.common.truth.Truth.assertThat;

import dev.isolate4j.SandboxConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
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
                        List.of(first, second, classes),
                        List.of(),
                        List.of(record),
                        temp.resolve("socket"),
                        false,
                        links));

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
                new SandboxCommand.Needs(List.of(jar), List.of(), List.of(), temp.resolve("socket"), false, null));

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
                        List.of(),
                        temp.resolve("socket"),
                        false,
                        new LinkedFiles(temp.resolve("links"))));

        assertThat(args).doesNotContain("--symlink");
        assertThat(args).containsAtLeast("--ro-bind", jar.toString(), jar.toString());
    }

    @Test
    void aRelativeLinksRootStillGivesAbsolutePaths() throws IOException {
        // bubblewrap would put a relative path under the sandbox's own root.
        Path jar = file("repository/a/a.jar");
        Path relative = Path.of("").toAbsolutePath().relativize(temp.resolve("links"));

        List<String> args = prefix(SandboxConfig.defaults(), List.of(jar), List.of(), new LinkedFiles(relative));

        String link = linkOf(args, jar);
        assertThat(Path.of(link).isAbsolute()).isTrue();
        assertThat(Files.isSameFile(Path.of(link), jar)).isTrue();
    }

    @Test
    void noLinksWhenAConfiguredPathWouldShowThem() throws IOException {
        // Writable, the links' directory would let the child change the host's own jars.
        Path jar = file("repository/a/a.jar");
        SandboxConfig writableEnvRoot =
                SandboxConfig.builder().writablePaths(List.of(temp)).build();

        List<String> args =
                prefix(writableEnvRoot, List.of(jar), List.of(), new LinkedFiles(temp.resolve("env/.sandbox-links")));

        assertThat(args).doesNotContain("--symlink");
        assertThat(args).containsAtLeast("--ro-bind", jar.toString(), jar.toString());
    }

    @Test
    void theManifestOfAnExtensionsJarCannotWidenTheSandbox() throws IOException {
        Path secret = file("home/.ssh/id_rsa");
        Path hostile = jarWithClassPath("extension/hostile.jar", secret.toUri().toString());
        Path hostJar = jarWithClassPath("host/booter.jar", secret.toUri().toString());

        List<String> extension = prefix(SandboxConfig.defaults(), List.of(), List.of(hostile), null);
        List<String> host = prefix(SandboxConfig.defaults(), List.of(hostJar), List.of(), null);

        assertThat(extension).contains(hostile.toString());
        assertThat(extension).doesNotContain(secret.toString());
        // The host's own class path may be a manifest-only jar, as Maven Surefire makes it.
        assertThat(host).contains(secret.toString());
    }

    private List<String> prefix(
            SandboxConfig config, List<Path> classPath, List<Path> extensionClassPath, LinkedFiles links)
            throws IOException {
        return SandboxCommand.prefix(
                config,
                new SandboxCommand.Needs(
                        classPath, extensionClassPath, List.of(), temp.resolve("socket"), false, links));
    }

    private Path jarWithClassPath(String name, String classPath) throws IOException {
        Path jar = temp.resolve(name);
        Files.createDirectories(jar.getParent());
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, classPath);
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            out.flush();
        }
        return jar;
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
