package dev.isolate4j.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.isolate4j.processor.DiagnosticsTest.source;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Parameter and result types that cannot cross the process boundary, and some that can. */
class TypeRulesTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            Stream<String>           | java.util.stream.Stream is a stream, consumed once and holding no data of its own; collect it into a List
            IntStream                | java.util.stream.IntStream is a stream
            Iterator<String>         | java.util.Iterator is an Iterator or an Iterable that is not a Collection; pass a List or a Set
            Iterable<String>         | java.lang.Iterable is an Iterator or an Iterable that is not a Collection
            InputStream              | java.io.InputStream is an I/O stream bound to this process; pass the bytes (byte[]) or the text (String)
            OutputStream             | java.io.OutputStream is an I/O stream bound to this process
            FileReader               | java.io.FileReader is an I/O stream bound to this process
            Writer                   | java.io.Writer is an I/O stream bound to this process
            Thread                   | java.lang.Thread is a thread of this process; pass its name or id
            Future<String>           | java.util.concurrent.Future is a future, which can only be the return type of an asynchronous method; pass the value itself, or a @Callee callback
            CompletableFuture<String>| java.util.concurrent.CompletableFuture is a future
            Runnable                 | java.lang.Runnable is an interface that is neither a java.util collection or map nor annotated @Callee; pass a record or a class, or annotate the interface @Callee
            Supplier<String>         | java.util.function.Supplier is an interface that is neither
            CharSequence             | java.lang.CharSequence is an interface that is neither
            List<Runnable>           | java.lang.Runnable is an interface that is neither
            Map<String, Stream<String>> | java.util.stream.Stream is a stream
            List<? extends Thread>   | java.lang.Thread is a thread of this process
            Runnable[]               | java.lang.Runnable is an interface that is neither
            """)
    void parameterThatCannotBeSent(String type, String reason) {
        JavaFileObject source = source(
                "Bad",
                """
                @Callee
                public interface Bad {
                    void take(%s items);
                }
                """
                        .formatted(type));
        Compilation compilation = Compilations.compile(source);
        assertThat(compilation).failed();
        assertThat(compilation)
                .hadErrorContaining("parameter items of method take(")
                .inFile(source)
                .onLineContaining("void take(");
        assertThat(compilation)
                .hadErrorContaining("which cannot cross the process boundary: " + reason)
                .inFile(source)
                .onLineContaining("void take(");
    }

    @Test
    void rawParameterType() {
        JavaFileObject source = source(
                "Bad",
                """
                @Callee
                public interface Bad {
                    @SuppressWarnings("rawtypes")
                    void take(List items);
                }
                """);
        assertThat(Compilations.compile(source))
                .hadErrorContaining("parameter items of method take(List) in Bad has type java.util.List, which cannot"
                        + " cross the process boundary: java.util.List is a raw type; give it type arguments")
                .inFile(source)
                .onLineContaining("void take(List items)");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            Stream<String>                      | java.util.stream.Stream is a stream
            Iterator<String>                    | java.util.Iterator is an Iterator or an Iterable
            Runnable                            | java.lang.Runnable is an interface that is neither
            CompletableFuture<Iterator<String>> | java.util.Iterator is an Iterator or an Iterable
            CompletionStage<InputStream>        | java.io.InputStream is an I/O stream
            """)
    void resultThatCannotBeSent(String type, String reason) {
        JavaFileObject source = source(
                "Bad",
                """
                @Callee
                public interface Bad {
                    %s give();
                }
                """
                        .formatted(type));
        assertThat(Compilations.compile(source))
                .hadErrorContaining("method give() in Bad returns ")
                .inFile(source)
                .onLineContaining(" give();");
        assertThat(Compilations.compile(source))
                .hadErrorContaining(", which cannot cross the process boundary: " + reason)
                .inFile(source)
                .onLineContaining(" give();");
    }

    @Test
    void typesThatCanBeSent() {
        JavaFileObject source = source(
                "Fine",
                """
                @Callee
                public interface Fine {
                    void listen(Listener listener);
                    Listener listener();
                    void shapes(Shape shape, List<? extends Shape> more, Set<?> anything);
                    Optional<Point> find(Map<String, Point> points, Point[] array, int[] numbers);
                    CompletableFuture<Map<Color, List<Point>>> byColor(Collection<Point> points);
                    CompletionStage<Point[]> all();
                    Object echo(Object value);
                    byte[] bytes(String text, Color color, Class<?> type);
                    SortedMap<String, Deque<Integer>> nested(NavigableSet<Long> ids);

                    // Nested, because generated code referring to a second top-level class of this
                    // file would get javac's auxiliaryclass warning.
                    @Callee
                    interface Listener {
                        void done(Point point);
                    }

                    sealed interface Shape permits Circle, Square {}

                    record Circle(double radius) implements Shape {}

                    record Square(double side) implements Shape {}

                    record Point(int x, int y) {}

                    enum Color { RED, GREEN }
                }
                """);
        assertThat(Compilations.compile(source)).succeededWithoutWarnings();
    }
}
