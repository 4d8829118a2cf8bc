package dev.isolate4j.processor;

import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.isolate4j.processor.DiagnosticsTest.source;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which application types a descriptor lists for the serializer, and in which order. */
class SerializedTypesTest {

    @Test
    void walksTypeArgumentsArraysFieldsAndPermittedSubclasses() {
        Compilation compilation = Compilations.compile(source("Shapes", """
                @Callee
                public interface Shapes {
                    void draw(Shape shape, Listener listener);
                    List<Drawing> drawings(Map<String, Node> nodes);
                    CompletableFuture<List<List<Point>>> grid(String[] names, int[][] cells);

                    @Callee
                    interface Listener {
                        void done(Circle circle);
                    }

                    sealed interface Shape permits Circle, Square {}

                    record Circle(double radius, Style style) implements Shape {}

                    record Square(double side) implements Shape {}

                    enum Style { SOLID, DASHED }

                    abstract class Base {
                        protected Meta meta;
                    }

                    class Drawing extends Base {
                        private List<Shape> shapes;
                        private transient Cache cache;
                        private static Cache shared;
                    }

                    record Meta(String author) {}

                    class Cache {}

                    record Node(String name, List<Node> children) {}

                    record Point(int x, int y, Weight weight) {}

                    record Weight(double[] values, Integer[] ranks) {}
                }
                """));

        assertThat(compilation).succeededWithoutWarnings();
        // Listener crosses as a reference, Shape is an interface, Cache is reached only through
        // transient and static fields: none of them is listed. Nor are array classes: the serializer
        // reads arrays of JDK types itself, and arrays of application types are refused. Base is
        // listed after its subclass: the serializer describes Drawing with Base's layer.
        assertThat(compilation)
                .generatedSourceFile("test.Shapes_Descriptor")
                .contentsAsUtf8String()
                .contains("SERIALIZED_TYPES = List.of(Shapes.Circle.class, Shapes.Style.class, Shapes.Square.class,"
                        + " Shapes.Node.class, Shapes.Drawing.class, Shapes.Base.class, Shapes.Meta.class,"
                        + " Shapes.Point.class, Shapes.Weight.class);");
    }

    @Test
    void listsTheTypesOfDeclaredExceptionsFieldsButNotTheExceptions() {
        Compilation compilation = Compilations.compile(source("Limits", """
                @Callee
                public interface Limits {
                    void check(String key) throws DailyLimitException, IOException;

                    record Window(long seconds, Unit unit) {}

                    enum Unit { SECONDS, MINUTES }

                    record Owner(String name) {}

                    class LimitException extends Exception {
                        private static final long serialVersionUID = 1L;
                        // Plain records, as an application's are: javac 21+ would flag them.
                        @SuppressWarnings("serial")
                        private final Owner owner;
                        private transient Owner cachedOwner;

                        public LimitException(Owner owner) {
                            this.owner = owner;
                        }
                    }

                    class DailyLimitException extends LimitException {
                        private static final long serialVersionUID = 1L;
                        @SuppressWarnings("serial")
                        private final Window window;
                        private final int code;

                        public DailyLimitException(Owner owner, Window window, int code) {
                            super(owner);
                            this.window = window;
                            this.code = code;
                        }
                    }
                }
                """));

        assertThat(compilation).succeededWithoutWarnings();
        // The record and enum in the exceptions' fields (both layers) are listed; the exceptions
        // cross by name and are not, nor are the JDK layers of IOException and Throwable walked.
        assertThat(compilation)
                .generatedSourceFile("test.Limits_Descriptor")
                .contentsAsUtf8String()
                .contains("SERIALIZED_TYPES = List.of(Limits.Window.class, Limits.Unit.class, Limits.Owner.class);");
    }

    @Test
    void anExceptionFieldThatCannotCrossIsAWarningNotAnError() {
        JavaFileObject source = source("Loud", """
                @Callee
                public interface Loud {
                    void shout() throws LoudException;

                    record Point(int x) {}

                    class LoudException extends Exception {
                        private static final long serialVersionUID = 1L;
                        private final Point[] points;

                        public LoudException(Point[] points) {
                            this.points = points;
                        }
                    }
                }
                """);

        // Without -Werror: the warning must not stop a build that tolerates warnings.
        Compilation compilation =
                Compiler.javac().withProcessors(new Isolate4jProcessor()).compile(source);

        assertThat(compilation).succeeded();
        assertThat(compilation)
                .hadWarningContaining(
                        "class test.Loud.LoudException, reachable from a field of an exception that method"
                                + " shout() in Loud declares, has field points of type test.Loud.Point[], which cannot cross")
                .inFile(source)
                .onLineContaining("void shout()");
    }

    @Test
    void describesMethodsInIdOrderWithSignatures() {
        Compilation compilation = Compilations.compile(source("Api", """
                public class Api {
                    @ProxiedSingleton(id = "api")
                    public interface Service extends Base {
                        CompletableFuture<Void> stop();
                        long[] sizes(String[] names, List<String> more) throws IOException, IllegalStateException;
                        @LocalExecution
                        default int one() { return 1; }
                    }

                    public interface Base {
                        String name();
                    }
                }
                """));

        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation)
                .generatedSourceFile("test.Api_Service_Descriptor")
                .contentsAsUtf8String()
                .contains("""
                        new MethodDescriptor("name", "name()java.lang.String", false, List.of(), String.class, List.of(), false),
                              new MethodDescriptor("stop", "stop()java.util.concurrent.CompletableFuture", true, List.of(), Void.class, List.of(), false),
                              new MethodDescriptor("sizes", "sizes(java.lang.String[],java.util.List)long[]", false, List.of(String[].class, List.class), long[].class, List.of(IOException.class), false));
                        """);
        assertThat(compilation)
                .generatedSourceFile("test.Api_Service_Descriptor")
                .contentsAsUtf8String()
                .contains("return \"api\";");
        assertThat(compilation)
                .generatedSourceFile("test.Api_Service_Descriptor")
                .contentsAsUtf8String()
                .contains("return true;");
    }

    @Test
    void listsTheTypesOfCallbacksSoThatAConnectionRegistersThemAtItsStart() {
        Compilation compilation = Compilations.compile(source("Host", """
                @Callee
                public interface Host {
                    void watch(Watcher watcher);
                    Object echo(Object value);

                    @Callee
                    interface Watcher {
                        void changed(Change change);
                        Reply ask(List<Question> questions);
                    }

                    record Change(String path) {}
                    record Question(String text) {}
                    record Reply(String text) {}
                }
                """));

        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation)
                .generatedSourceFile("test.Host_Descriptor")
                .contentsAsUtf8String()
                .contains("SERIALIZED_TYPES = List.of(Host.Change.class, Host.Question.class, Host.Reply.class);");
    }

    @Test
    void listsTheComparatorsOfTheInterfacesPackageWhenASortedCollectionCrosses() {
        Compilation compilation = Compilations.compile(source("Sorted", """
                @Callee
                public interface Sorted {
                    TreeMap<String, Integer> sorted(TreeMap<String, Integer> map);

                    final class ByLength implements Comparator<String> {
                        public int compare(String a, String b) { return a.length() - b.length(); }
                    }

                    abstract class NotInstantiable implements Comparator<String> {}
                }
                """));

        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation)
                .generatedSourceFile("test.Sorted_Descriptor")
                .contentsAsUtf8String()
                .contains("SERIALIZED_TYPES = List.of(Sorted.ByLength.class);");
        assertThat(compilation)
                .generatedSourceFile("test.Sorted_Descriptor")
                .contentsAsUtf8String()
                .contains("List.of(TreeMap.class), TreeMap.class, List.of(), false)");
    }

    /** One line per shape: a method's parameter type, and whether its values track references. */
    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            int                  | false
            String               | false
            List<String>         | false
            Point                | false
            Level                | false
            List<Point>          | false
            Map<Level, Point>    | false
            Shape                | false
            Node                 | true
            List<Node>           | true
            Map<String, Node>    | true
            Optional<Node>       | true
            Holder               | true
            Account              | true
            Watcher              | false
            """)
    void tracksReferencesWhereTheTypesReachAClass(String type, boolean tracks) throws IOException {
        Compilation compilation = Compilations.compile(source("Graphs", """
                @Callee
                public interface Graphs {
                    void take(%s value);

                    record Point(int x, int y) {}
                    enum Level { LOW, HIGH }
                    sealed interface Shape permits Circle {}
                    record Circle(double radius) implements Shape {}
                    final class Node { Node parent; }
                    record Holder(List<Node> nodes) {}
                    abstract sealed class Account permits Savings {}
                    final class Savings extends Account {}

                    @Callee
                    interface Watcher {
                        void seen(Node node);
                    }
                }
                """.formatted(type)));

        assertThat(compilation).succeeded();
        String descriptor = compilation
                .generatedSourceFile("test.Graphs_Descriptor")
                .orElseThrow()
                .getCharContent(true)
                .toString();
        Matcher take = Pattern.compile("new MethodDescriptor\\(\"take\".*, (true|false)\\)")
                .matcher(descriptor);
        assertWithMessage(descriptor).that(take.find()).isTrue();
        assertWithMessage("tracksReferences of take(%s)", type)
                .that(Boolean.parseBoolean(take.group(1)))
                .isEqualTo(tracks);
    }
}
