package dev.isolate4j.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.isolate4j.processor.DiagnosticsTest.source;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Flow.Publisher parameters and results cross as streams; their items are checked like any value. */
class StreamTypesTest {
    @Test
    void publishersOfValuesCanBeTakenAndReturned() {
        JavaFileObject source = source("Streaming", """
                @Callee
                public interface Streaming {
                    Flow.Publisher<String> tokens(String prompt);
                    Flow.Publisher<Point> points(Flow.Publisher<Point> input, int limit);
                    long count(Flow.Publisher<byte[]> chunks);
                    CompletableFuture<Flow.Publisher<List<Point>>> later();
                    void watch(Listener listener);

                    @Callee
                    interface Listener {
                        void onLines(Flow.Publisher<String> lines);
                    }

                    record Point(int x, int y) {}
                }
                """);
        assertThat(Compilations.compile(source)).succeededWithoutWarnings();
    }

    @Test
    void theItemTypeIsRegisteredWithTheSerializer() {
        JavaFileObject source = source("Streaming", """
                @Callee
                public interface Streaming {
                    Flow.Publisher<Point> points();

                    record Point(int x, int y) {}
                }
                """);
        Compilation compilation = Compilations.compile(source);
        assertThat(compilation).succeeded();
        assertThat(compilation)
                .generatedSourceFile("test.Streaming_Descriptor")
                .contentsAsUtf8String()
                .contains("Streaming.Point.class");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            Flow.Publisher<?>                | java.util.concurrent.Flow.Publisher<?> does not say what its items are, and each item is serialized as its declared type; give it a concrete type argument, e.g. Flow.Publisher<String>
            Flow.Publisher<? extends Point>  | java.util.concurrent.Flow.Publisher<? extends test.Bad.Point> does not say what its items are
            Flow.Publisher                   | Flow.Publisher is a raw type, so the type of its items is unknown; give it the items' type, e.g. Flow.Publisher<String>
            Flow.Publisher<Iterator<String>> | java.util.Iterator is an Iterator or an Iterable
            Flow.Publisher<Listener>         | the items of a stream cross by value, and test.Bad.Listener is a @Callee interface; stream records or classes that carry the values
            Flow.Publisher<Point[]>          | test.Bad.Point[] is an array of an application type
            List<Flow.Publisher<String>>     | a Flow.Publisher crosses as a stream only as a parameter or a result itself, not inside another type; take or return the Flow.Publisher<T> itself, or one Flow.Publisher per stream
            Flow.Publisher<Flow.Publisher<String>> | a Flow.Publisher crosses as a stream only as a parameter or a result itself
            Flow.Subscriber<String>          | java.util.concurrent.Flow.Subscriber is bound to the process it lives in; of java.util.concurrent.Flow, only a Publisher declared as Flow.Publisher crosses (as a stream); take or return a Flow.Publisher<T> instead: the other side subscribes to it and receives its items as they are produced
            Flow.Subscription                | java.util.concurrent.Flow.Subscription is bound to the process it lives in
            Flow.Processor<String, String>   | java.util.concurrent.Flow.Processor is bound to the process it lives in
            SubmissionPublisher<String>      | java.util.concurrent.SubmissionPublisher
            """)
    void refused(String type, String reason) {
        for (String declaration : new String[] {"void take(" + type + " items);", type + " give();"}) {
            JavaFileObject source = source("Bad", """
                    @Callee
                    public interface Bad {
                        %s

                        @Callee
                        interface Listener {
                            void heard(String text);
                        }

                        record Point(int x, int y) {}
                    }
                    """.formatted(declaration));
            Compilation compilation = Compilations.compile(source);
            assertThat(compilation).failed();
            assertThat(compilation)
                    .hadErrorContaining("which cannot cross the process boundary: " + reason)
                    .inFile(source)
                    .onLineContaining(declaration);
        }
    }
}
