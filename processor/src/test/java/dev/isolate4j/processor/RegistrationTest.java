package dev.isolate4j.processor;

import static com.google.common.truth.Truth.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
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

    /** The non-blank lines of a file in this module's own output, not in some other jar. */
    private static List<String> linesOf(String resource) throws IOException, URISyntaxException {
        Path classes = Path.of(Isolate4jProcessor.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        return Files.readAllLines(classes.resolve(resource)).stream()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .toList();
    }
}
