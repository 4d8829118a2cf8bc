package dev.isolate4j.shapes;

import static com.google.common.truth.Truth.assertThat;

import dev.isolate4j.ExtensionBase;
import dev.isolate4j.InProcessExtension;
import dev.isolate4j.shapes.JdkShapes.Point;
import java.io.File;
import java.net.URI;
import java.net.URL;
import java.util.AbstractMap;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** One line per shape: what is sent, and that it comes back equal (and ordered as it was). */
class JdkShapesTest {
    public static final class Mirror extends ExtensionBase implements JdkShapes {
        @Override
        public File file(File file) {
            return file;
        }

        @Override
        public URL url(URL url) {
            return url;
        }

        @Override
        public TreeMap<String, Integer> sortedMap(TreeMap<String, Integer> map) {
            return map;
        }

        @Override
        public TreeSet<String> sortedSet(TreeSet<String> set) {
            return set;
        }

        @Override
        public List<Point> points(List<Point> points) {
            return points;
        }

        @Override
        public Map.Entry<String, Point> entry(Map.Entry<String, Point> entry) {
            return entry;
        }

        @Override
        public List<Map.Entry<String, Integer>> entries(List<Map.Entry<String, Integer>> entries) {
            return entries;
        }

        @Override
        public Map<String, Point> pointMap(Map<String, Point> map) {
            return map;
        }
    }

    static InProcessExtension<JdkShapes> extension;

    @BeforeAll
    static void start() {
        extension = InProcessExtension.start(JdkShapes.class, new Mirror());
    }

    @AfterAll
    static void stop() {
        extension.close();
    }

    record Shape(String name, Consumer<JdkShapes> roundTrip) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Shape> shapes() throws Exception {
        URL url = URI.create("https://example.com/a?b=c").toURL();
        TreeMap<String, Integer> caseless = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        caseless.put("b", 2);
        caseless.put("A", 1);
        TreeSet<String> reversed = new TreeSet<>(Collections.reverseOrder());
        reversed.addAll(List.of("a", "c", "b"));
        return List.of(
                new Shape("File", s -> assertThat(s.file(new File("rel/x"))).isEqualTo(new File("rel/x"))),
                new Shape("URL", s -> assertThat(s.url(url).toExternalForm()).isEqualTo(url.toExternalForm())),
                new Shape("TreeMap, CASE_INSENSITIVE_ORDER", s -> {
                    TreeMap<String, Integer> back = s.sortedMap(caseless);
                    assertThat(back).containsExactly("A", 1, "b", 2).inOrder();
                    assertThat(back.get("a")).isEqualTo(1); // the comparator came along
                }),
                new Shape("TreeSet, the API's own comparator", s -> {
                    TreeSet<String> byLength = new TreeSet<>(new JdkShapes.ByLength());
                    byLength.addAll(List.of("ccc", "a", "bb"));
                    TreeSet<String> back = s.sortedSet(byLength);
                    assertThat(back).containsExactly("a", "bb", "ccc").inOrder();
                    assertThat(back.comparator()).isInstanceOf(JdkShapes.ByLength.class);
                }),
                new Shape(
                        "TreeSet, reverseOrder()",
                        s -> assertThat(s.sortedSet(reversed))
                                .containsExactly("c", "b", "a")
                                .inOrder()),
                new Shape(
                        "List.of records",
                        s -> assertThat(s.points(List.of(new Point(1, 2), new Point(3, 4))))
                                .containsExactly(new Point(1, 2), new Point(3, 4))
                                .inOrder()),
                new Shape(
                        "Arrays.asList of records",
                        s -> assertThat(s.points(Arrays.asList(new Point(1, 2), new Point(3, 4))))
                                .containsExactly(new Point(1, 2), new Point(3, 4))
                                .inOrder()),
                new Shape(
                        "unmodifiableList of records",
                        s -> assertThat(s.points(Collections.unmodifiableList(Arrays.asList(new Point(1, 2)))))
                                .containsExactly(new Point(1, 2))),
                new Shape(
                        "subList of records",
                        s -> assertThat(s.points(new java.util.ArrayList<>(List.of(new Point(1, 2), new Point(3, 4)))
                                        .subList(1, 2)))
                                .containsExactly(new Point(3, 4))),
                new Shape(
                        "Collections.singletonList of a record",
                        s -> assertThat(s.points(Collections.singletonList(new Point(5, 6))))
                                .containsExactly(new Point(5, 6))),
                new Shape(
                        "Map.entry",
                        s -> assertThat(s.entry(Map.entry("a", new Point(1, 2))))
                                .isEqualTo(Map.entry("a", new Point(1, 2)))),
                new Shape(
                        "SimpleEntry",
                        s -> assertThat(s.entry(new AbstractMap.SimpleEntry<>("a", new Point(1, 2))))
                                .isEqualTo(Map.entry("a", new Point(1, 2)))),
                new Shape(
                        "SimpleImmutableEntry",
                        s -> assertThat(s.entry(new AbstractMap.SimpleImmutableEntry<>("a", new Point(1, 2))))
                                .isEqualTo(Map.entry("a", new Point(1, 2)))),
                new Shape("a map's own entries", s -> {
                    Map<String, Integer> map = new LinkedHashMap<>(Map.of("a", 1));
                    assertThat(s.entries(List.copyOf(map.entrySet()))).containsExactly(Map.entry("a", 1));
                }),
                new Shape(
                        "unmodifiableMap of records",
                        s -> assertThat(s.pointMap(Collections.unmodifiableMap(Map.of("a", new Point(1, 2)))))
                                .containsExactly("a", new Point(1, 2))),
                new Shape("keySet-backed map view", s -> {
                    Map<String, Point> map = new LinkedHashMap<>(Map.of("a", new Point(1, 2), "b", new Point(3, 4)));
                    map.keySet().remove("b");
                    assertThat(s.pointMap(map)).containsExactly("a", new Point(1, 2));
                }));
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void comesBackEqual(Shape shape) {
        shape.roundTrip().accept(extension.proxy());
    }
}
