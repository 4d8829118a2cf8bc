package dev.isolate4j.shapes;

import static com.google.common.truth.Truth.assertThat;

import dev.isolate4j.ExtensionBase;
import dev.isolate4j.InProcessExtension;
import dev.isolate4j.internal.rpc.RemoteInterfaces;
import dev.isolate4j.shapes.GraphShapes.Node;
import dev.isolate4j.shapes.GraphShapes.Point;
import dev.isolate4j.spi.MethodDescriptor;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Graphs of objects with an identity cross as graphs: cycles stay cycles, a shared object stays one. */
class GraphShapesTest {
    public static final class Mirror extends ExtensionBase implements GraphShapes {
        @Override
        public Node tree(Node root) {
            return root;
        }

        @Override
        public List<Node> nodes(List<Node> nodes) {
            return nodes;
        }

        @Override
        public List<Point> points(List<Point> points) {
            return points;
        }
    }

    @Test
    void aTreeWithParentPointersComesBackAsATree() throws Exception {
        Node root = new Node("root");
        Node leaf = root.add(new Node("a")).add(new Node("leaf"));
        root.add(new Node("b"));

        try (InProcessExtension<GraphShapes> extension = InProcessExtension.start(GraphShapes.class, new Mirror())) {
            Node back = extension.proxy().tree(root);

            assertThat(back).isNotSameInstanceAs(root);
            assertThat(back.children).hasSize(2);
            Node a = back.children.get(0);
            assertThat(a.parent).isSameInstanceAs(back);
            assertThat(a.children.get(0).parent).isSameInstanceAs(a);
            assertThat(a.children.get(0).name).isEqualTo(leaf.name);
            assertThat(back.children.get(1).parent).isSameInstanceAs(back);
        }
    }

    @Test
    void anObjectReachedTwiceArrivesOnce() throws Exception {
        Node shared = new Node("shared");

        try (InProcessExtension<GraphShapes> extension = InProcessExtension.start(GraphShapes.class, new Mirror())) {
            List<Node> back = extension.proxy().nodes(List.of(shared, new Node("other"), shared));

            assertThat(back.get(0)).isSameInstanceAs(back.get(2));
            assertThat(back.get(1)).isNotSameInstanceAs(back.get(0));
        }
    }

    @Test
    void onlyMethodsWhoseTypesReachAClassTrackReferences() {
        Map<String, Boolean> tracking = RemoteInterfaces.of(GraphShapes.class).methods().stream()
                .collect(Collectors.toMap(MethodDescriptor::name, MethodDescriptor::tracksReferences));

        assertThat(tracking).containsExactly("tree", true, "nodes", true, "points", false);
    }

    @Test
    void recordsStillCrossByValue() throws Exception {
        try (InProcessExtension<GraphShapes> extension = InProcessExtension.start(GraphShapes.class, new Mirror())) {
            assertThat(extension.proxy().points(List.of(new Point(1, 2), new Point(1, 2))))
                    .containsExactly(new Point(1, 2), new Point(1, 2))
                    .inOrder();
        }
    }
}
