package dev.isolate4j.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Compares the code generated for the samples in {@code src/test/resources/samples} with the golden
 * files in {@code src/test/resources/expected}, token by token ({@code hasSourceEquivalentTo}).
 *
 * <p>To accept a deliberate change of the generated code, run the test with the environment
 * variable {@code ISOLATE4J_UPDATE_GOLDEN=1} from the {@code processor} directory (as Maven does):
 * it rewrites the golden files from the generated code instead of comparing, and the diff shows up
 * in review: {@code ISOLATE4J_UPDATE_GOLDEN=1 mvn -o -f processor/pom.xml test
 * -Dtest=GoldenFileTest}.
 */
class GoldenFileTest {
    private static final boolean UPDATE = "1".equals(System.getenv("ISOLATE4J_UPDATE_GOLDEN"));
    private static final Path EXPECTED = Path.of("src/test/resources/expected");
    private static final List<String> SUFFIXES = List.of("_Proxy", "_Dispatcher", "_Descriptor");

    /** Greeter: one of each kind of method. Outer.Settings: the cases easy to get wrong. */
    @ParameterizedTest
    @ValueSource(strings = {"com.example.Greeter", "com.example.Outer_Settings"})
    void generatedCodeMatchesGoldenFiles(String generatedPrefix) throws IOException {
        Compilation compilation = Compilations.compile(
                JavaFileObjects.forResource("samples/com/example/Greeter.java"),
                JavaFileObjects.forResource("samples/com/example/Point.java"),
                JavaFileObjects.forResource("samples/com/example/Outer.java"));

        // -Werror: any lint warning in generated code fails here.
        assertThat(compilation).succeededWithoutWarnings();
        for (String suffix : SUFFIXES) {
            String name = generatedPrefix + suffix;
            String relative = name.replace('.', '/') + ".java";
            if (UPDATE) {
                JavaFileObject generated = compilation.generatedSourceFile(name).orElseThrow();
                Path golden = EXPECTED.resolve(relative);
                Files.createDirectories(golden.getParent());
                Files.writeString(golden, generated.getCharContent(true), StandardCharsets.UTF_8);
            } else {
                assertThat(compilation)
                        .generatedSourceFile(name)
                        .hasSourceEquivalentTo(JavaFileObjects.forResource("expected/" + relative));
            }
        }
    }
}
