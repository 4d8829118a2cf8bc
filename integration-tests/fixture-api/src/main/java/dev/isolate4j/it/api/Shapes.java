package dev.isolate4j.it.api;

import dev.isolate4j.annotations.Callee;
import java.io.File;
import java.net.URL;
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
}
