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
    /** Stands for # in the messages of {@link #arrayOfApplicationTypes}. */
    private static final String ARRAY_PROBLEM =
            " is an array of an application type, and arrays of application types cannot be serialized; use ";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
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
            Runnable                 | java.lang.Runnable is an interface of the JDK that is neither a java.util collection or map nor a value isolate4j carries; pass a record or a class; for a callback, declare a @Callee interface of your own, e.g. '@Callee interface Listener { void accept(String value); }', and take that
            Consumer<String>         | java.util.function.Consumer is an interface of the JDK that is neither
            Supplier<String>         | java.util.function.Supplier is an interface of the JDK that is neither
            CharSequence             | java.lang.CharSequence is an interface of the JDK that is neither
            List<Runnable>           | java.lang.Runnable is an interface of the JDK that is neither
            Map<String, Stream<String>> | java.util.stream.Stream is a stream
            List<? extends Thread>   | java.lang.Thread is a thread of this process
            Runnable[]               | java.lang.Runnable is an interface of the JDK that is neither
            """)
    void parameterThatCannotBeSent(String type, String reason) {
        JavaFileObject source = source("Bad", """
                @Callee
                public interface Bad {
                    void take(%s items);
                }
                """.formatted(type));
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
    void anInterfaceOfTheApplicationIsToldWhatWouldMakeItCross() {
        JavaFileObject source = source("Shop", """
                @Callee
                public interface Shop {
                    void sell(Item item);

                    interface Item {
                        String name();
                    }
                }
                """);
        Compilation compilation = Compilations.compile(source);

        assertThat(compilation)
                .hadErrorContaining("test.Shop.Item is an interface that is neither sealed nor annotated @Callee;"
                        + " declare it sealed with a permits clause naming its implementations so that they cross"
                        + " by value, annotate it @Callee")
                .inFile(source)
                .onLineContaining("void sell(Item item);");
    }

    @Test
    void filesAndUrlsCanBeSentAndAPathIsToldToBeOne() {
        JavaFileObject fine = source("Files", """
                @Callee
                public interface Files {
                    java.io.File resolve(java.io.File base, java.net.URL url, java.net.URI uri, List<java.io.File> more);
                }
                """);
        JavaFileObject path = source("Paths", """
                @Callee
                public interface Paths {
                    void open(java.nio.file.Path path);
                }
                """);

        assertThat(Compilations.compile(fine)).succeededWithoutWarnings();
        assertThat(Compilations.compile(path))
                .hadErrorContaining("java.nio.file.Path is a path of this process's file system, which the serializer"
                        + " does not carry; pass a java.io.File, or path.toString() and Path.of(...) on the other side")
                .inFile(path)
                .onLineContaining("void open(");
    }

    @Test
    void anAbstractClassThatIsNotSealedIsRefusedWithTheFix() {
        JavaFileObject source = source("Zoo", """
                @Callee
                public interface Zoo {
                    void feed(Animal animal);
                    void house(Pen pen);

                    abstract class Animal {
                        String name;
                    }

                    final class Cat extends Animal {}

                    sealed abstract class Pen permits Cage {
                        int size;
                    }

                    final class Cage extends Pen {}
                }
                """);
        Compilation compilation = Compilations.compile(source);

        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation)
                .hadErrorContaining("test.Zoo.Animal is an abstract class that is not sealed: its values are"
                        + " instances of subclasses the processor cannot know, so none of them could be registered"
                        + " to cross; declare it sealed with a permits clause naming its subclasses")
                .inFile(source)
                .onLineContaining("void feed(Animal animal);");
    }

    @Test
    void rawParameterType() {
        JavaFileObject source = source("Bad", """
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
    @CsvSource(delimiter = '|', textBlock = """
            Stream<String>                      | java.util.stream.Stream is a stream
            Iterator<String>                    | java.util.Iterator is an Iterator or an Iterable
            Runnable                            | java.lang.Runnable is an interface of the JDK that is neither
            CompletableFuture<Iterator<String>> | java.util.Iterator is an Iterator or an Iterable
            CompletionStage<InputStream>        | java.io.InputStream is an I/O stream
            """)
    void resultThatCannotBeSent(String type, String reason) {
        JavaFileObject source = source("Bad", """
                @Callee
                public interface Bad {
                    %s give();
                }
                """.formatted(type));
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
        JavaFileObject source = source("Fine", """
                @Callee
                public interface Fine {
                    void listen(Listener listener);
                    Listener listener();
                    void shapes(Shape shape, List<? extends Shape> more, Set<?> anything);
                    Optional<Point> find(Map<String, Point> points, List<Point> list, int[] numbers);
                    CompletableFuture<Map<Color, List<Point>>> byColor(Collection<Point> points);
                    CompletionStage<List<Point>> all();
                    Object echo(Object value);
                    byte[] bytes(String text, Color color, Class<?> type);
                    SortedMap<String, Deque<Integer>> nested(NavigableSet<Long> ids);
                    Map.Entry<String, Point> entry(List<Map.Entry<Color, Integer>> entries);

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

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            void index(Point[] points);            | parameter points of method index(Point[]) in Bad has type test.Bad.Point[], which cannot cross the process boundary: test.Bad.Point[]#List<Point> instead
            void grid(Point[][] cells);            | parameter cells of method grid(Point[][]) in Bad has type test.Bad.Point[][], which cannot cross the process boundary: test.Bad.Point[][]#List<List<Point>> instead
            void add(Point... points);             | parameter points of method add(Point[]) in Bad has type test.Bad.Point[], which cannot cross the process boundary: test.Bad.Point[]#List<Point> instead
            void paint(Color[] colors);            | parameter colors of method paint(Color[]) in Bad has type test.Bad.Color[], which cannot cross the process boundary: test.Bad.Color[]#List<Color> instead
            void draw(Shape[] shapes);             | parameter shapes of method draw(Shape[]) in Bad has type test.Bad.Shape[], which cannot cross the process boundary: test.Bad.Shape[]#List<Shape> instead
            void pack(Box<String>[] boxes);        | parameter boxes of method pack(Box[]) in Bad has type test.Bad.Box<java.lang.String>[], which cannot cross the process boundary: test.Bad.Box[]#List<Box<String>> instead
            void put(Map<String, Point[]> byName); | parameter byName of method put(Map) in Bad has type java.util.Map<java.lang.String,test.Bad.Point[]>, which cannot cross the process boundary: test.Bad.Point[]#List<Point> instead
            Point[] all();                         | method all() in Bad returns test.Bad.Point[], which cannot cross the process boundary: test.Bad.Point[]#List<Point> instead
            CompletableFuture<Point[]> allLater(); | method allLater() in Bad returns test.Bad.Point[], which cannot cross the process boundary: test.Bad.Point[]#List<Point> instead
            CompletionStage<List<Point[]>> pages();| method pages() in Bad returns java.util.List<test.Bad.Point[]>, which cannot cross the process boundary: test.Bad.Point[]#List<Point> instead
            void save(Polygon polygon);            | record test.Bad.Polygon, reachable from parameter polygon of method save(Polygon) in Bad, has component points of type test.Bad.Point[], which cannot cross the process boundary: test.Bad.Point[]#List<Point> instead
            List<Drawing> drawings();              | class test.Bad.Sketch, reachable from the result of method drawings() in Bad, has field strokes of type java.util.List<test.Bad.Point[]>, which cannot cross the process boundary: test.Bad.Point[]#List<Point> instead
            """)
    void arrayOfApplicationTypes(String declaration, String message) {
        JavaFileObject source = source("Bad", """
                @Callee
                public interface Bad {
                    %s

                    record Point(int x, int y) {}

                    enum Color { RED, GREEN }

                    sealed interface Shape permits Circle {}

                    record Circle(double radius) implements Shape {}

                    record Box<T>(T content) {}

                    record Polygon(String name, Point[] points) {}

                    abstract class Sketch {
                        protected List<Point[]> strokes;
                    }

                    final class Drawing extends Sketch {}
                }
                """.formatted(declaration));
        Compilation compilation = Compilations.compile(source);
        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation)
                .hadErrorContaining(message.replace("#", ARRAY_PROBLEM))
                .inFile(source)
                .onLineContaining(declaration);
    }

    @Test
    void arraysOfPrimitivesAndJdkTypesCanBeSent() {
        JavaFileObject source = source("Fine", """
                @Callee
                public interface Fine {
                    int[] sizes(String[] names, long[][] matrix, Integer[] boxed, byte[] bytes);
                    CompletableFuture<String[]> names(List<Point> points, Object[] values);
                    Map<String, double[]> weights(Tagged tagged);

                    record Point(int x, int y) {}

                    record Tagged(String[] tags, int[][] cells, List<Point> points) {}
                }
                """);
        assertThat(Compilations.compile(source)).succeededWithoutWarnings();
    }
}
