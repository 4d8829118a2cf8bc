package dev.isolate4j.it.api;

import dev.isolate4j.annotations.Callee;
import java.io.File;
import java.net.URL;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The shapes of values real plugin APIs pass, each returned as received; registered by the fixture
 * extension as callee "shapes".
 */
@Callee
public interface Shapes {
    enum Level {
        LOW,
        HIGH
    }

    class PersonBase {
        public String name;
    }

    final class Employee extends PersonBase {
        public int id;
    }

    sealed interface Shape permits Circle, Square {}

    record Circle(double radius, Level level) implements Shape {}

    record Square(double side) implements Shape {}

    /** A comparator of the API's own: shorter first, then alphabetical. */
    final class ByLength implements Comparator<String> {
        @Override
        public int compare(String a, String b) {
            int byLength = Integer.compare(a.length(), b.length());
            return byLength != 0 ? byLength : a.compareTo(b);
        }
    }

    /** A tree node that knows its parent: a cycle for every child. */
    final class Node {
        public String name;
        public Node parent;
        public List<Node> children = new ArrayList<>();

        public Node add(Node child) {
            child.parent = this;
            children.add(child);
            return child;
        }
    }

    /** A callback: the only interface that declares {@link Sighting}. */
    @Callee
    interface Watcher {
        void seen(Sighting sighting);
    }

    record Sighting(String what) {}

    Level level(Level level);

    List<Level> levels(List<Level> levels);

    Map<Level, String> byLevel(Map<Level, String> map);

    EnumSet<Level> levelSet(EnumSet<Level> set);

    EnumMap<Level, Integer> levelMap(EnumMap<Level, Integer> map);

    Employee employee(Employee employee);

    List<Shape> shapes(List<Shape> shapes);

    File file(File file);

    URL url(URL url);

    TreeMap<String, Integer> caseless(TreeMap<String, Integer> map);

    Node tree(Node root);

    List<Node> nodes(List<Node> nodes);

    List<Circle> circles(List<Circle> circles);

    Map.Entry<String, Circle> entry(Map.Entry<String, Circle> entry);

    Object echo(Object value);

    void watch(Watcher watcher);
}
