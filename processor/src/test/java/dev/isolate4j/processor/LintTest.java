package dev.isolate4j.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.isolate4j.processor.DiagnosticsTest.source;

import org.junit.jupiter.api.Test;

/**
 * Generated code compiles under {@code -Xlint:all -Werror} in the cases that would otherwise raise
 * a warning: deprecated interfaces, methods and types, generic varargs, unchecked casts.
 */
class LintTest {

    @Test
    void deprecatedInterface() {
        assertThat(
                        Compilations.compile(
                                source(
                                        "Old",
                                        """
                        @Deprecated
                        @Callee
                        public interface Old {
                            String get();
                        }
                        """)))
                .succeededWithoutWarnings();
    }

    @Test
    void methodsDeprecatedForRemoval() {
        assertThat(
                        Compilations.compile(
                                source(
                                        "Api",
                                        """
                        @Callee
                        public interface Api {
                            @Deprecated(forRemoval = true)
                            void gone();
                            String kept();
                        }
                        """)))
                .succeededWithoutWarnings();
    }

    @Test
    void deprecatedTypeInASignature() {
        assertThat(
                        Compilations.compile(
                                source(
                                        "Api",
                                        """
                        @Callee
                        public interface Api {
                            @SuppressWarnings("deprecation")
                            void take(List<OldValue> values);

                            @Deprecated
                            record OldValue(int value) {}
                        }
                        """)))
                .succeededWithoutWarnings();
    }

    @Test
    void deprecatedTypeReachedOnlyThroughAField() {
        assertThat(
                        Compilations.compile(
                                source(
                                        "Api",
                                        """
                        @Callee
                        public interface Api {
                            Wrapper wrap(String value);

                            /** Names a deprecated type only through its component. */
                            @SuppressWarnings("deprecation")
                            record Wrapper(OldInner inner) {}

                            @Deprecated
                            record OldInner(String value) {}
                        }
                        """)))
                .succeededWithoutWarnings();
    }

    @Test
    void uncheckedCastsAreSuppressedWhereTheyHappen() {
        assertThat(
                        Compilations.compile(
                                source(
                                        "Api",
                                        """
                        @Callee
                        public interface Api {
                            Map<String, List<Integer>> index(Set<String> keys, Optional<String> hint);
                            List<?> anything(List<?> input);
                            @SuppressWarnings("unchecked")
                            int count(List<String>... lists);
                            CompletableFuture<List<String>> later(Map<String, ? extends Number> numbers);
                        }
                        """)))
                .succeededWithoutWarnings();
    }
}
