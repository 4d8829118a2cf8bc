package dev.isolate4j.shapes;

import dev.isolate4j.annotations.Callee;
import java.util.ArrayList;
import java.util.List;

/** Object graphs: each method returns its argument. */
@Callee
public interface GraphShapes {
    /** A tree node that knows its parent: a cycle for every child. */
    final class Node {
        public String name;
        public Node parent;
        public List<Node> children = new ArrayList<>();

        public Node() {}

        public Node(String name) {
            this.name = name;
        }

        public Node add(Node child) {
            child.parent = this;
            children.add(child);
            return child;
        }
    }

    record Point(int x, int y) {}

    Node tree(Node root);

    List<Node> nodes(List<Node> nodes);

    List<Point> points(List<Point> points);
}
