package dev.isolate4j.it;

import static com.google.common.truth.Truth.assertThat;

import dev.isolate4j.ExtensionHandle;
import dev.isolate4j.ExtensionManager;
import dev.isolate4j.it.api.TestExtension;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A non-isolated extension whose module jar has no class on the host's class path (the fixture's,
 * like a plugin directory's) is looked for in its module first: its child does not open every jar of
 * the host's class path to miss the module's classes there, which took 23-51 ms of a child's start
 * with 36 entries and 160-280 ms with 186. The child's open files, read right after the load, show
 * which jars it opened on its way to READY.
 */
class ModuleFirstTest {
    @TempDir
    Path envRoot;

    @Test
    void aChildOfAModuleOffTheClassPathLeavesTheClassPathsOtherJarsUnopened() throws Exception {
        Path lastJar = lastJarOfTheClassPath();
        try (ExtensionManager<TestExtension> manager = Fixtures.manager(envRoot)) {
            TestExtension extension =
                    manager.loadExtension(Fixtures.config("module-first").build());
            List<String> open = openJars(ExtensionHandle.of(extension).pid());

            assertThat(open).isNotEmpty();
            assertThat(open.stream()
                            .filter(name -> name.endsWith(lastJar.getFileName().toString())))
                    .isEmpty();
        }
    }

    /** The last jar of the class path that the child shares: none of its classes is needed to start. */
    private static Path lastJarOfTheClassPath() {
        List<String> entries = List.of(System.getProperty("java.class.path").split(File.pathSeparator));
        for (int i = entries.size() - 1; i >= 0; i--) {
            if (entries.get(i).endsWith(".jar")) {
                return Path.of(entries.get(i));
            }
        }
        throw new IllegalStateException("no jar on the test's class path: " + entries);
    }

    /** The file names of the jars the process has open, as its sandbox shows them. */
    private static List<String> openJars(long pid) throws IOException {
        try (Stream<Path> descriptors = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            return descriptors
                    .map(ModuleFirstTest::target)
                    .filter(name -> name.endsWith(".jar"))
                    .toList();
        }
    }

    private static String target(Path descriptor) {
        try {
            return Files.readSymbolicLink(descriptor).toString();
        } catch (IOException e) {
            return ""; // closed meanwhile
        }
    }
}
