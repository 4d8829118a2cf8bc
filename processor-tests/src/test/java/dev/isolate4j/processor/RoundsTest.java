package dev.isolate4j.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.isolate4j.processor.DiagnosticsTest.source;

import com.google.testing.compile.Compilation;
import org.junit.jupiter.api.Test;

/** Interfaces that mention types another processor generates. */
class RoundsTest {

    @Test
    void interfaceUsingATypeGeneratedInTheSameRoundIsGeneratedInTheNext() {
        Compilation compilation = Compilations.compiler()
                .withProcessors(
                        new Isolate4jProcessor(),
                        new SourceGeneratingProcessor(
                                "test.Later", "package test;\npublic record Later(String value) {}\n"))
                .compile(source("Uses", """
                        @Callee
                        public interface Uses {
                            Later echo(Later later);
                        }
                        """));

        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation)
                .generatedSourceFile("test.Uses_Descriptor")
                .contentsAsUtf8String()
                .contains("SERIALIZED_TYPES = List.of(Later.class);");
    }

    @Test
    void interfaceUsingATypeThatNeverExistsIsReported() {
        Compilation compilation = Compilations.compile(source("Uses", """
                @Callee
                public interface Uses {
                    Missing echo(String value);
                }
                """));

        assertThat(compilation).failed();
        assertThat(compilation)
                .hadErrorContaining("Uses was not generated because it refers to types that do not exist");
    }
}
