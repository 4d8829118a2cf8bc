package dev.isolate4j.shapes;

import static com.google.common.truth.Truth.assertThat;

import dev.isolate4j.ExtensionBase;
import dev.isolate4j.InProcessExtension;
import dev.isolate4j.shapes.JdkShapes.Point;
import java.io.File;
import java.net.URI;
import java.net.URL;
import java.util.Collections;
import java.util.List;
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
                new Shape("TreeSet, reverseOrder()", s -> assertThat(s.sortedSet(reversed))
                        .containsExactly("c", "b", "a")
                        .inOrder()),
                new Shape("List.of records", s -> assertThat(s.points(List.of(new Point(1, 2), new Point(3, 4))))
                        .containsExactly(new Point(1, 2), new Point(3, 4))
                        .inOrder()));
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void comesBackEqual(Shape shape) {
        shape.roundTrip().accept(extension.proxy());
    }
}
