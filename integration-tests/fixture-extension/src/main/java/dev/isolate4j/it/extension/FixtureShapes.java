package dev.isolate4j.it.extension;

import dev.isolate4j.it.api.Shapes;
import java.io.File;
import java.net.URL;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Returns every value as it came. */
final class FixtureShapes implements Shapes {
    @Override
    public Level level(Level level) {
        return level;
    }

    @Override
    public List<Level> levels(List<Level> levels) {
        return levels;
    }

    @Override
    public Map<Level, String> byLevel(Map<Level, String> map) {
        return map;
    }

    @Override
    public EnumSet<Level> levelSet(EnumSet<Level> set) {
        return set;
    }

    @Override
    public EnumMap<Level, Integer> levelMap(EnumMap<Level, Integer> map) {
        return map;
    }

    @Override
    public Employee employee(Employee employee) {
        return employee;
    }

    @Override
    public List<Shape> shapes(List<Shape> shapes) {
        return shapes;
    }

    @Override
    public File file(File file) {
        return file;
    }

    @Override
    public URL url(URL url) {
        return url;
    }

    @Override
    public TreeMap<String, Integer> caseless(TreeMap<String, Integer> map) {
        return map;
    }

    @Override
    public Node tree(Node root) {
        return root;
    }

    @Override
    public List<Node> nodes(List<Node> nodes) {
        return nodes;
    }

    @Override
    public List<Circle> circles(List<Circle> circles) {
        return circles;
    }

    @Override
    public Map.Entry<String, Circle> entry(Map.Entry<String, Circle> entry) {
        return entry;
    }

    @Override
    public Object echo(Object value) {
        return value;
    }

    @Override
    public void watch(Watcher watcher) {
        watcher.seen(new Sighting("watched"));
    }
}
