package dev.isolate4j.processor;

import static com.google.common.truth.Truth.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import javax.lang.model.SourceVersion;
import org.junit.jupiter.api.Test;

/** How build tools find the processor: the service file, Gradle's incremental declaration. */
class RegistrationTest {

    @Test
    void serviceFileNamesTheProcessor() throws IOException, URISyntaxException {
        // Written by AutoService when the main code is compiled.
        assertThat(linesOf("META-INF/services/javax.annotation.processing.Processor"))
                .containsExactly(Isolate4jProcessor.class.getName());
    }

    @Test
    void gradleRunsTheProcessorIncrementallyAsIsolating() throws IOException, URISyntaxException {
        assertThat(linesOf("META-INF/gradle/incremental.annotation.processors"))
                .containsExactly(Isolate4jProcessor.class.getName() + ",isolating");
    }

    @Test
    void supportsTheThreeAnnotationsAndTheLatestSourceVersion() {
        Isolate4jProcessor processor = new Isolate4jProcessor();
        assertThat(processor.getSupportedAnnotationTypes())
                .containsExactlyElementsIn(Set.of(
                        "dev.isolate4j.annotations.Callee",
                        "dev.isolate4j.annotations.ProxiedSingleton",
                        "dev.isolate4j.annotations.LocalExecution"));
        assertThat(processor.getSupportedSourceVersion()).isEqualTo(SourceVersion.latestSupported());
    }

    /**
     * The non-blank lines of a file in the processor's own output (its jar or classes directory),
     * not in some other jar.
     */
    private static List<String> linesOf(String resource) throws IOException, URISyntaxException {
        Path location = Path.of(Isolate4jProcessor.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        if (Files.isDirectory(location)) {
            return nonBlank(Files.readAllLines(location.resolve(resource)));
        }
        try (FileSystem jar = FileSystems.newFileSystem(location)) {
            return nonBlank(Files.readAllLines(jar.getPath(resource)));
        }
    }

    private static List<String> nonBlank(List<String> lines) {
        return lines.stream()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .toList();
    }
}
