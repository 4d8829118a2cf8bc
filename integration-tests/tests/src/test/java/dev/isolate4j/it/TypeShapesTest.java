package dev.isolate4j.it;

import static com.google.common.truth.Truth.assertThat;

import dev.isolate4j.it.ShapeChildren.Shape;
import dev.isolate4j.it.api.Shapes;
import dev.isolate4j.it.api.Shapes.Circle;
import dev.isolate4j.it.api.Shapes.Employee;
import dev.isolate4j.it.api.Shapes.Level;
import dev.isolate4j.it.api.Shapes.Node;
import dev.isolate4j.it.api.Shapes.Sighting;
import dev.isolate4j.it.api.Shapes.Square;
import java.io.File;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each shape a plugin API passes, sent to a real child and back, one line per shape: what is sent
 * and what must come back. In every child of {@link ShapeChildren}: on the host's class path,
 * isolated, and on JDK 25, in the default configuration.
 */
class TypeShapesTest {
    @TempDir
    static Path envRoot;

    static ShapeChildren<Shapes> children;

    @BeforeAll
    static void load() throws Exception {
        children = ShapeChildren.load(envRoot, Shapes.class, "shapes");
    }

    @AfterAll
    static void close() {
        children.close();
    }

    static List<Shape<Shapes>> shapes() throws Exception {
        Employee ada = new Employee();
        ada.name = "Ada";
        ada.id = 7;
        EnumMap<Level, Integer> counts = new EnumMap<>(Level.class);
        counts.put(Level.HIGH, 2);
        TreeMap<String, Integer> caseless = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        caseless.put("b", 2);
        caseless.put("A", 1);
        URL url = URI.create("https://example.com/a?b=c").toURL();
        Node root = new Node();
        root.add(new Node()).add(new Node());
        Node shared = new Node();
        return List.of(
                // First: a type only a callback declares, before any callback was used.
                new Shape<>(
                        "Object holding a record only a callback declares",
                        s -> assertThat(s.echo(new Sighting("first"))).isEqualTo(new Sighting("first"))),
                new Shape<>("enum", s -> assertThat(s.level(Level.HIGH)).isEqualTo(Level.HIGH)),
                new Shape<>("java.time values, UUID, big numbers and URI, as Object", s -> {
                    List<Object> values = List.of(
                            Instant.ofEpochSecond(-5, 7),
                            Duration.ofDays(-3),
                            LocalDate.MAX,
                            LocalTime.NOON,
                            LocalDateTime.of(2026, 12, 7, 18, 0),
                            new UUID(1, -2),
                            BigInteger.TWO.pow(200),
                            new BigDecimal("-0.0010"),
                            OffsetDateTime.of(2026, 12, 7, 18, 30, 0, 0, ZoneOffset.ofHours(5)),
                            ZonedDateTime.of(2026, 10, 25, 2, 30, 0, 0, ZoneId.of("Europe/Paris"))
                                    .withLaterOffsetAtOverlap(),
                            URI.create("https://example.com/a%20b?q=1"),
                            Period.of(1, 2, 3),
                            YearMonth.of(2027, 2),
                            ZoneOffset.ofHours(-3));
                    assertThat(s.echo(values)).isEqualTo(values);
                }),
                new Shape<>("byte, short and char, as Object", s -> {
                    List<Object> values = List.of((byte) -7, (short) 300, '\u00e9');
                    assertThat(s.echo(values)).isEqualTo(values);
                }),
                new Shape<>("TreeMap and TreeSet in natural order, as Object", s -> {
                    TreeMap<String, Integer> map = new TreeMap<>(Map.of("b", 2, "a", 1, "c", 3));
                    Object back = s.echo(map);
                    assertThat(back).isInstanceOf(TreeMap.class);
                    assertThat((TreeMap<?, ?>) back)
                            .containsExactly("a", 1, "b", 2, "c", 3)
                            .inOrder();
                    Object set = s.echo(new TreeSet<>(Set.of(3L, 1L, 2L)));
                    assertThat(set).isInstanceOf(TreeSet.class);
                    assertThat((TreeSet<?>) set).containsExactly(1L, 2L, 3L).inOrder();
                }),
                new Shape<>("arrays of float, short, char, boolean and String, as Object", s -> {
                    assertThat((float[]) s.echo(new float[] {0.25f, Float.NaN, -0.0f}))
                            .usingExactEquality()
                            .containsExactly(0.25f, Float.NaN, -0.0f)
                            .inOrder();
                    assertThat((short[]) s.echo(new short[] {-1, 300})).isEqualTo(new short[] {-1, 300});
                    assertThat((char[]) s.echo("h\u00e9".toCharArray())).isEqualTo("h\u00e9".toCharArray());
                    assertThat((boolean[]) s.echo(new boolean[] {true, false})).isEqualTo(new boolean[] {true, false});
                    assertThat((String[]) s.echo(new String[] {"a", null, "\u00e9"}))
                            .asList()
                            .containsExactly("a", null, "\u00e9")
                            .inOrder();
                }),
                new Shape<>("Optional, as Object", s -> {
                    assertThat(s.echo(Optional.of(List.of("x")))).isEqualTo(Optional.of(List.of("x")));
                    assertThat(s.echo(Optional.empty())).isEqualTo(Optional.empty());
                }),
                new Shape<>(
                        "List<enum>",
                        s -> assertThat(s.levels(List.of(Level.HIGH, Level.LOW)))
                                .containsExactly(Level.HIGH, Level.LOW)
                                .inOrder()),
                new Shape<>(
                        "enum map key",
                        s -> assertThat(s.byLevel(Map.of(Level.LOW, "low"))).containsExactly(Level.LOW, "low")),
                new Shape<>(
                        "EnumSet",
                        s -> assertThat(s.levelSet(EnumSet.of(Level.HIGH))).containsExactly(Level.HIGH)),
                new Shape<>("EnumMap", s -> assertThat(s.levelMap(counts)).containsExactly(Level.HIGH, 2)),
                new Shape<>("superclass fields", s -> {
                    Employee back = s.employee(ada);
                    assertThat(back.name + "#" + back.id).isEqualTo("Ada#7");
                }),
                new Shape<>(
                        "sealed interface, with an enum inside",
                        s -> assertThat(s.shapes(List.of(new Circle(1.5, Level.LOW), new Square(2))))
                                .containsExactly(new Circle(1.5, Level.LOW), new Square(2))
                                .inOrder()),
                new Shape<>(
                        "File", s -> assertThat(s.file(new File("/tmp/a b"))).isEqualTo(new File("/tmp/a b"))),
                new Shape<>("URL", s -> assertThat(s.url(url).toExternalForm()).isEqualTo(url.toExternalForm())),
                new Shape<>("TreeMap, CASE_INSENSITIVE_ORDER", s -> {
                    TreeMap<String, Integer> back = s.caseless(caseless);
                    assertThat(back).containsExactly("A", 1, "b", 2).inOrder();
                    assertThat(back.get("a")).isEqualTo(1);
                }),
                new Shape<>("TreeMap, the API's own comparator", s -> {
                    TreeMap<String, Integer> byLength = new TreeMap<>(new Shapes.ByLength());
                    byLength.putAll(Map.of("ccc", 3, "a", 1, "bb", 2));
                    TreeMap<String, Integer> back = s.caseless(byLength);
                    assertThat(back.keySet()).containsExactly("a", "bb", "ccc").inOrder();
                    assertThat(back.comparator()).isInstanceOf(Shapes.ByLength.class);
                }),
                new Shape<>("tree with parent pointers", s -> {
                    Node back = s.tree(root);
                    Node child = back.children.get(0);
                    assertThat(child.parent).isSameInstanceAs(back);
                    assertThat(child.children.get(0).parent).isSameInstanceAs(child);
                }),
                new Shape<>("an object reached twice", s -> {
                    List<Node> back = s.nodes(List.of(shared, new Node(), shared));
                    assertThat(back.get(0)).isSameInstanceAs(back.get(2));
                    assertThat(back.get(1)).isNotSameInstanceAs(back.get(0));
                }),
                new Shape<>(
                        "Arrays.asList of records",
                        s -> assertThat(s.circles(Arrays.asList(new Circle(1, Level.LOW), new Circle(2, Level.HIGH))))
                                .containsExactly(new Circle(1, Level.LOW), new Circle(2, Level.HIGH))
                                .inOrder()),
                new Shape<>(
                        "Map.entry",
                        s -> assertThat(s.entry(Map.entry("c", new Circle(1, Level.LOW))))
                                .isEqualTo(Map.entry("c", new Circle(1, Level.LOW)))));
    }

    static Stream<Arguments> shapesInEveryChild() throws Exception {
        return ShapeChildren.everyChild(shapes());
    }

    @ParameterizedTest(name = "{1} in the {0} child")
    @MethodSource("shapesInEveryChild")
    void comesBackEqual(String child, Shape<Shapes> shape) {
        shape.check().accept(children.in(child));
    }
}
