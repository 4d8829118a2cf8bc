package dev.isolate4j.shapes;

import dev.isolate4j.annotations.Callee;
import java.io.File;
import java.net.URL;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** JDK values whose run-time class or state is more than their declared type says. */
@Callee
public interface JdkShapes {
    record Point(int x, int y) {}

    /** A comparator of the API's own: shorter first, then alphabetical. */
    final class ByLength implements Comparator<String> {
        @Override
        public int compare(String a, String b) {
            int byLength = Integer.compare(a.length(), b.length());
            return byLength != 0 ? byLength : a.compareTo(b);
        }
    }

    File file(File file);

    URL url(URL url);

    TreeMap<String, Integer> sortedMap(TreeMap<String, Integer> map);

    TreeSet<String> sortedSet(TreeSet<String> set);

    List<Point> points(List<Point> points);

    Map.Entry<String, Point> entry(Map.Entry<String, Point> entry);

    List<Map.Entry<String, Integer>> entries(List<Map.Entry<String, Integer>> entries);

    Map<String, Point> pointMap(Map<String, Point> map);
}
