package dev.isolate4j.internal.environment;

import static com.google.common.truth.Truth.assertThat;

import dev.isolate4j.resolver.ArtifactResolver;
import dev.isolate4j.testing.GoneProcesses;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The resolver's warm-up works under the env root and cleans up after itself, and after hosts that
 * exited in the middle of theirs.
 */
class ResolverWarmUpTest {
    @TempDir
    Path envRoot;

    @Test
    void theWarmUpLeavesNothingUnderItsParent() throws IOException {
        Path parent = envRoot.resolve(Environments.WARM_UP_DIRECTORY);

        ArtifactResolver.warmUp(parent);

        // It worked there, not in the system's temporary directory, and took its directory along.
        assertThat(Files.isDirectory(parent)).isTrue();
        assertThat(entries(parent)).isEmpty();
    }

    @Test
    void whatHostsThatAreGoneLeftIsRemovedAndTheLivingKeepTheirs() throws Exception {
        Path parent = envRoot.resolve(Environments.WARM_UP_DIRECTORY);
        long gone = GoneProcesses.pid();
        Path left = Files.createDirectories(parent.resolve(gone + "-123").resolve("repository/x"));
        Files.writeString(left.resolve("x.pom"), "<project/>");
        Path mine =
                Files.createDirectories(parent.resolve(ProcessHandle.current().pid() + "-456"));
        Path other = Files.createDirectories(parent.resolve("not-a-warm-up"));

        Environments.removeThoseOfGoneHosts(parent);

        assertThat(entries(parent)).containsExactly(mine, other);
    }

    @Test
    void aWarmUpThatFindsARealResolutionBegunIsLeftOut() {
        Path parent = envRoot.resolve(Environments.WARM_UP_DIRECTORY);

        Environments.resolutionBegins();
        Environments.warmUpUnlessResolving(parent);

        // A warm-up makes its scratch repository under the parent, which it creates first.
        assertThat(Files.exists(parent)).isFalse();
    }

    private static List<Path> entries(Path parent) throws IOException {
        try (Stream<Path> entries = Files.list(parent)) {
            return entries.sorted().toList();
        }
    }
}
