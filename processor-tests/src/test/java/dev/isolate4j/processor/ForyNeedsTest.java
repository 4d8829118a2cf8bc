package dev.isolate4j.processor;

import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.isolate4j.processor.DiagnosticsTest.source;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Whether a descriptor says its values may need Fory: only when a declared type is one the runtime
 * does not write itself, wherever it appears.
 */
class ForyNeedsTest {
    private static final Pattern ANSWER = Pattern.compile("valuesNeedFory\\(\\) \\{\\s*return (true|false);");

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "String echo(String s); int add(int a, long b); void run()                          | false",
                "double mean(double[] values, List<Double> more); byte[] bytes(int[] a, long[] b)    | false",
                "List<String> names(List<Integer> ids); Boolean flag(Float f)                        | false",
                "Flow.Publisher<Item> items(int n); CompletableFuture<Item> later(Item item)          | false",
                "Item item(dev.isolate4j.SharedBuffer buffer)                                         | false",
                "void listen(Listener listener)                                                       | false",
                "void tagged(Tagged tagged); Level level(Level level)                                 | false",
                "void unit(TimeUnit unit)                                                             | false",
                "void levels(List<Level> levels)                                                      | false",
                "java.time.Instant at(java.time.Duration d, java.time.LocalDate day, java.util.UUID id) | false",
                "Map<java.util.UUID, List<java.time.LocalDateTime>> log(java.time.LocalTime time)   | false",
                "java.math.BigDecimal price(java.math.BigInteger units); Dated dated()                | false",
                "java.time.ZonedDateTime zoned(java.time.OffsetDateTime at, java.net.URI u, File f)  | false",
                "java.time.Period period(java.time.YearMonth month, java.time.ZoneOffset offset)     | false",
                "java.time.ZoneId zone()                                                              | true",
                "EnumSet<Level> flags(EnumSet<TimeUnit> units)                                        | false",
                "EnumMap<Level, String> names()                                                       | true",
                "Optional<Item> find(String key); void maybe(Optional<java.time.Instant> at)          | false",
                "Optional<TreeMap<String, Object>> sorted(String key)                                 | true",
                "Map<String, Integer> counts(); List<Item> items(Set<Level> levels)                   | false",
                "LinkedHashMap<Level, List<Item>> byLevel(HashSet<String> names)                     | false",
                "LinkedList<Item> queue(LinkedList<String> names)                                     | false",
                "SortedMap<String, Integer> sorted(); TreeSet<Level> levels(NavigableMap<Item, Long> m) | false",
                "Collection<String> all()                                                             | true",
                "List<? extends Number> numbers()                                                     | true",
                "Object anything()                                                                    | true",
                "void small(byte b, short s, char c); Character first(List<Byte> bytes, Short s)     | false",
                "void chars(char[] c, float[] f); boolean[] flags(short[] s)                         | false",
                "String[] names(String[] prefixes)                                                    | false",
                "Integer[] ids()                                                                      | true",
                "void listenLoosely(LooseListener listener)                                           | true",
                "void fails() throws Failed                                                           | true",
            })
    void answersByTheDeclaredTypes(String methods, boolean needsFory) throws IOException {
        Compilation compilation = Compilations.compile(source("Api", """
                @Callee
                public interface Api {
                    %s;

                    record Item(String name, int count, List<String> tags, Item parent) {}

                    enum Level { LOW, HIGH }

                    record Tagged(String name, Level level) {}

                    record Dated(java.time.Instant at, java.math.BigDecimal amount) {}

                    @Callee
                    interface Listener {
                        void heard(Item item);
                    }

                    @Callee
                    interface LooseListener {
                        void heard(Vector<Item> items);
                    }

                    final class Failed extends Exception {
                        private static final long serialVersionUID = 1L;
                        private final Vector<String> details = new Vector<>();
                    }
                }
                """.formatted(methods)));

        String descriptor = descriptor(compilation, "Api");
        Matcher answer = ANSWER.matcher(descriptor);
        assertWithMessage(descriptor).that(answer.find()).isTrue();
        assertWithMessage(methods).that(Boolean.parseBoolean(answer.group(1))).isEqualTo(needsFory);
    }

    /**
     * The JDK's enums that an interface declares are listed with its own types, so that the runtime
     * knows their constants by name (and lets Fory carry them inside other values) rather than
     * refusing them as unregistered classes.
     */
    @Test
    void listsTheJdkEnumsAnInterfaceDeclares() throws IOException {
        Compilation compilation = Compilations.compile(source("Days", """
                @Callee
                public interface Days {
                    java.time.DayOfWeek next(java.time.DayOfWeek day);

                    Map<TimeUnit, Long> limits(List<java.time.temporal.ChronoUnit> units);
                }
                """));

        String descriptor = descriptor(compilation, "Days");
        for (String listed : List.of("DayOfWeek", "TimeUnit", "ChronoUnit")) {
            assertWithMessage(descriptor)
                    .that(descriptor)
                    .containsMatch("SERIALIZED_TYPES = List\\.of\\([^;]*\\b" + listed + "\\.class");
        }
        Matcher answer = ANSWER.matcher(descriptor);
        assertWithMessage(descriptor).that(answer.find()).isTrue();
        assertWithMessage(descriptor).that(answer.group(1)).isEqualTo("false");
    }

    /** The generated descriptor of {@code test.<simpleName>}, once the compilation succeeded. */
    private static String descriptor(Compilation compilation, String simpleName) throws IOException {
        assertThat(compilation).succeeded();
        return compilation
                .generatedSourceFile("test." + simpleName + "_Descriptor")
                .orElseThrow()
                .getCharContent(true)
                .toString();
    }
}
