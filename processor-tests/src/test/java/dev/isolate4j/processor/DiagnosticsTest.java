package dev.isolate4j.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** One test per diagnostic: the message's key phrase, on the offending line. */
class DiagnosticsTest {

    /** A source file in package {@code test} that sees all the types the tests use. */
    static JavaFileObject source(String simpleName, String body) {
        return JavaFileObjects.forSourceString("test." + simpleName, """
                package test;

                import dev.isolate4j.annotations.*;
                import java.io.*;
                import java.util.*;
                import java.util.concurrent.*;
                import java.util.function.*;
                import java.util.stream.*;

                """ + body);
    }

    private static void assertError(JavaFileObject source, String message, String line) {
        Compilation compilation = Compilations.compile(source);
        assertThat(compilation).failed();
        assertThat(compilation).hadErrorContaining(message).inFile(source).onLineContaining(line);
    }

    @Test
    void calleeOnClass() {
        JavaFileObject source = source("Bad", "@Callee public class Bad {}\n");
        assertError(
                source,
                "@Callee can only be applied to an interface, but Bad is a class: declare Bad as an interface",
                "class Bad");
    }

    @Test
    void proxiedSingletonOnEnum() {
        JavaFileObject source = source("Bad", "@ProxiedSingleton public enum Bad { A }\n");
        assertError(source, "@ProxiedSingleton can only be applied to an interface, but Bad is an enum", "enum Bad");
    }

    @Test
    void calleeOnRecord() {
        JavaFileObject source = source("Bad", "@Callee public record Bad(int x) {}\n");
        assertError(source, "@Callee can only be applied to an interface, but Bad is a record", "record Bad");
    }

    @Test
    void calleeOnAnnotationType() {
        JavaFileObject source = source("Bad", "@Callee public @interface Bad {}\n");
        assertError(
                source, "@Callee can only be applied to an interface, but Bad is an annotation type", "@interface Bad");
    }

    @Test
    void genericInterface() {
        JavaFileObject source = source("Repo", "@Callee public interface Repo<T> { T get(String id); }\n");
        assertError(
                source,
                "@Callee interface Repo is generic, and a dispatcher cannot call it without knowing its types: use"
                        + " concrete types",
                "interface Repo<T>");
    }

    @Test
    void genericMethod() {
        JavaFileObject source = source("Bad", """
                @Callee
                public interface Bad {
                    <T> T find(Class<T> type);
                }
                """);
        assertError(
                source,
                "method find(Class) in Bad declares type parameters, which a dispatcher cannot call without knowing"
                        + " the types: use concrete types instead",
                "<T> T find");
    }

    @Test
    void overloadsThatDifferOnlyByBoxing() {
        JavaFileObject source = source("Bad", """
                @Callee
                public interface Bad {
                    void f(int value);
                    void f(Integer value);
                }
                """);
        assertError(
                source,
                "method f(Integer) in Bad collides with f(int) in Bad: remote calls cannot tell overloads apart whose"
                        + " parameter types differ only by boxing or type arguments; rename one of them",
                "void f(Integer value)");
    }

    @Test
    void methodNamedRemoteTarget() {
        JavaFileObject source = source("Bad", """
                @Callee
                public interface Bad {
                    String remoteTarget();
                }
                """);
        assertError(
                source,
                "method remoteTarget() in Bad conflicts with RemoteProxy.remoteTarget(), which every generated proxy"
                        + " implements: rename the method",
                "String remoteTarget()");
    }

    @Test
    void localExecutionOnAbstractMethod() {
        JavaFileObject source = source("Bad", """
                @Callee
                public interface Bad {
                    @LocalExecution
                    String notLocal();
                }
                """);
        assertError(
                source,
                "@LocalExecution method notLocal() in Bad must be a default method: give it a body, or remove the"
                        + " annotation",
                "String notLocal()");
    }

    @Test
    void localExecutionOnStaticMethod() {
        JavaFileObject source = source("Bad", """
                @Callee
                public interface Bad {
                    @LocalExecution
                    static String helper() { return ""; }
                }
                """);
        assertError(
                source,
                "@LocalExecution method helper() in Bad must be a default method, but it is static",
                "static String helper()");
    }

    @Test
    void localExecutionOnClassMethod() {
        JavaFileObject source = source("Impl", """
                public class Impl {
                    @LocalExecution
                    public String helper() { return ""; }
                }
                """);
        assertError(
                source,
                "@LocalExecution method helper() in Impl must be a default method of a @Callee or @ProxiedSingleton"
                        + " interface",
                "public String helper()");
    }

    @Test
    void localExecutionOnInterfaceThatIsNotRemote() {
        JavaFileObject source = source("Plain", """
                public interface Plain {
                    String get();
                    @LocalExecution
                    default String twice() { return get() + get(); }
                }
                """);
        // A warning, and without -Werror the compilation succeeds.
        Compilation compilation =
                Compiler.javac().withProcessors(new Isolate4jProcessor()).compile(source);
        assertThat(compilation).succeeded();
        assertThat(compilation)
                .hadWarningContaining("@LocalExecution method twice() in Plain has no effect: Plain is not annotated"
                        + " @Callee or @ProxiedSingleton, nor extended by an interface that is")
                .inFile(source)
                .onLineContaining("default String twice()");
    }

    @Test
    void duplicateSingletonIdInOneRound() {
        JavaFileObject first = source("First", "@ProxiedSingleton(id = \"counter\") public interface First {}\n");
        JavaFileObject second = source("Second", "@ProxiedSingleton(id = \"counter\") public interface Second {}\n");
        Compilation compilation = Compilations.compile(first, second);
        assertThat(compilation).failed();
        assertThat(compilation)
                .hadErrorContaining("@ProxiedSingleton id \"counter\" of test.Second is already used by test.First:"
                        + " give one of them a different id")
                .inFile(second)
                .onLineContaining("interface Second");
    }

    @Test
    void duplicateSingletonIdAcrossRounds() {
        JavaFileObject first = source("First", "@ProxiedSingleton(id = \"counter\") public interface First {}\n");
        Compilation compilation = Compilations.compiler()
                .withProcessors(
                        new Isolate4jProcessor(),
                        new SourceGeneratingProcessor(
                                "test.Second",
                                "package test;\n@dev.isolate4j.annotations.ProxiedSingleton(id = \"counter\")\n"
                                        + "public interface Second {}\n"))
                .compile(first);
        assertThat(compilation).failed();
        assertThat(compilation)
                .hadErrorContaining("@ProxiedSingleton id \"counter\" of test.Second is already used by test.First");
    }

    @Test
    void defaultSingletonIdCollidesWithExplicitOne() {
        JavaFileObject first = source("First", "@ProxiedSingleton public interface First {}\n");
        JavaFileObject second = source("Second", "@ProxiedSingleton(id = \"test.First\") public interface Second {}\n");
        assertThat(Compilations.compile(first, second))
                .hadErrorContaining("@ProxiedSingleton id \"test.First\" of test.Second is already used by test.First")
                .inFile(second)
                .onLineContaining("interface Second");
    }

    @Test
    void rawCompletableFuture() {
        JavaFileObject source = source("Bad", """
                @Callee
                public interface Bad {
                    @SuppressWarnings("rawtypes")
                    CompletableFuture load();
                }
                """);
        assertError(
                source,
                "method load() in Bad returns a raw CompletableFuture, so its result type is unknown: give it a type"
                        + " argument, e.g. CompletableFuture<Void>",
                "CompletableFuture load()");
    }

    @Test
    void rawCompletionStage() {
        JavaFileObject source = source("Bad", """
                @Callee
                public interface Bad {
                    @SuppressWarnings("rawtypes")
                    CompletionStage load();
                }
                """);
        assertError(source, "returns a raw CompletionStage, so its result type is unknown", "CompletionStage load()");
    }

    @Test
    void futureThatIsNotCompletable() {
        JavaFileObject source = source("Bad", """
                @Callee
                public interface Bad {
                    Future<String> load();
                }
                """);
        assertError(
                source,
                "method load() in Bad returns java.util.concurrent.Future, but only CompletableFuture and"
                        + " CompletionStage can be completed by a remote call: return a CompletableFuture instead",
                "Future<String> load()");
    }

    @Test
    void futureOfWildcard() {
        JavaFileObject source = source("Bad", """
                @Callee
                public interface Bad {
                    CompletableFuture<?> load();
                }
                """);
        assertError(
                source, "whose result type is a wildcard: use a concrete type argument", "CompletableFuture<?> load()");
    }

    @Test
    void privateNestedInterface() {
        JavaFileObject source = source("Outer", """
                public class Outer {
                    @Callee
                    private interface Hidden {
                        void run();
                    }
                }
                """);
        assertError(
                source,
                "@Callee interface Hidden is private, or nested in a private type, so generated code in package test"
                        + " cannot implement it: make it package-private or public",
                "private interface Hidden");
    }

    @Test
    void typeReachableFromParameterThatGeneratedCodeCannotName() {
        JavaFileObject source = source("Bad", """
                @Callee
                public interface Bad {
                    void put(Holder holder);

                    final class Holder {
                        private Secret secret;

                        private record Secret(String value) {}
                    }
                }
                """);
        assertError(
                source,
                "type test.Bad.Holder.Secret, reachable from parameter holder of method put(Holder) in Bad, must be"
                        + " registered with the serializer, but generated code in package test cannot name it: make it"
                        + " public",
                "void put(Holder holder)");
    }

    @Test
    void oneBrokenInterfaceDoesNotStopTheOthers() {
        JavaFileObject bad = source("Bad", "@Callee public interface Bad { <T> T find(Class<T> type); }\n");
        JavaFileObject good = source("Good", "@Callee public interface Good { String hello(); }\n");
        // compile-testing hides generated files of a failed compilation: this class only compiles if
        // Good's descriptor was generated.
        JavaFileObject user = source("User", "class User { Object d = new Good_Descriptor(); }\n");
        Compilation compilation = Compilations.compile(bad, good, user);
        assertThat(compilation).hadErrorContaining("method find(Class) in Bad declares type parameters");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void allErrorsOfAnInterfaceAreReported() {
        JavaFileObject source = source("Bad", """
                @Callee
                public interface Bad {
                    void run(Runnable task);
                    Iterator<String> names();
                }
                """);
        Compilation compilation = Compilations.compile(source);
        assertThat(compilation).hadErrorCount(2);
    }
}
