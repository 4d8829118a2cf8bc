package dev.isolate4j.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.isolate4j.processor.DiagnosticsTest.source;

import com.google.testing.compile.Compilation;
import org.junit.jupiter.api.Test;

/**
 * Generated code compiles under {@code -Xlint:all -Werror} in the cases that would otherwise raise
 * a warning: deprecated interfaces, methods and types, generic varargs, unchecked casts.
 */
class LintTest {

    @Test
    void deprecatedInterface() {
        generatesWithoutWarnings("Old", """
                        @Deprecated
                        @Callee
                        public interface Old {
                            String get();
                        }
                        """);
    }

    @Test
    void methodsDeprecatedForRemoval() {
        generatesWithoutWarnings("Api", """
                        @Callee
                        public interface Api {
                            @Deprecated(forRemoval = true)
                            void gone();
                            String kept();
                        }
                        """);
    }

    @Test
    void deprecatedTypeInASignature() {
        generatesWithoutWarnings("Api", """
                        @Callee
                        public interface Api {
                            @SuppressWarnings("deprecation")
                            void take(List<OldValue> values);

                            @Deprecated
                            record OldValue(int value) {}
                        }
                        """);
    }

    @Test
    void deprecatedTypeReachedOnlyThroughAField() {
        generatesWithoutWarnings("Api", """
                        @Callee
                        public interface Api {
                            Wrapper wrap(String value);

                            /** Names a deprecated type only through its component. */
                            @SuppressWarnings("deprecation")
                            record Wrapper(OldInner inner) {}

                            @Deprecated
                            record OldInner(String value) {}
                        }
                        """);
    }

    @Test
    void uncheckedCastsAreSuppressedWhereTheyHappen() {
        generatesWithoutWarnings("Api", """
                        @Callee
                        public interface Api {
                            Map<String, List<Integer>> index(Set<String> keys, Optional<String> hint);
                            List<?> anything(List<?> input);
                            @SuppressWarnings("unchecked")
                            int count(List<String>... lists);
                            CompletableFuture<List<String>> later(Map<String, ? extends Number> numbers);
                        }
                        """);
    }

    /** Compiles {@code body} as {@code test.<name>}: no warning, and the three generated classes exist. */
    private static void generatesWithoutWarnings(String name, String body) {
        Compilation compilation = Compilations.compile(source(name, body));
        assertThat(compilation).succeededWithoutWarnings();
        for (String suffix : new String[] {"_Proxy", "_Dispatcher", "_Descriptor"}) {
            assertThat(compilation).generatedSourceFile("test." + name + suffix);
        }
    }
}
