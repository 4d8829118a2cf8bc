package dev.isolate4j.shapes;

import dev.isolate4j.annotations.Callee;
import java.io.File;
import java.net.URL;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;

/** JDK values whose run-time class or state is more than their declared type says. */
@Callee
public interface JdkShapes {
    record Point(int x, int y) {}

    File file(File file);

    URL url(URL url);

    TreeMap<String, Integer> sortedMap(TreeMap<String, Integer> map);

    TreeSet<String> sortedSet(TreeSet<String> set);

    List<Point> points(List<Point> points);
}
