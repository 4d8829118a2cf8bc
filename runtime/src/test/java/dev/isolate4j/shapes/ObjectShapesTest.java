package dev.isolate4j.shapes;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.isolate4j.ExtensionBase;
import dev.isolate4j.InProcessExtension;
import dev.isolate4j.RemoteCallException;
import dev.isolate4j.shapes.ObjectShapes.Sighting;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An application type in an {@code Object} position crosses when an interface the connection
 * starts with declares it, callbacks included, from the first call on; one declared nowhere is
 * refused with its name and where to declare it.
 */
class ObjectShapesTest {
    public static final class Mirror extends ExtensionBase implements ObjectShapes {
        @Override
        public Object echo(Object value) {
            return value;
        }

        @Override
        public Map<String, Object> echoMap(Map<String, Object> map) {
            return map;
        }

        @Override
        public void watch(Watcher watcher) {
            watcher.seen(new Sighting("watched"));
        }
    }

    record Undeclared(int n) {}

    @Test
    void aTypeOnlyACallbackDeclaresCrossesAsObjectBeforeAnyCallbackIsUsed() throws Exception {
        try (InProcessExtension<ObjectShapes> extension = InProcessExtension.start(ObjectShapes.class, new Mirror())) {
            ObjectShapes shapes = extension.proxy();

            assertThat(shapes.echo(new Sighting("first"))).isEqualTo(new Sighting("first"));
            assertThat(shapes.echoMap(Map.of("s", new Sighting("second"))))
                    .containsExactly("s", new Sighting("second"));
        }
    }

    @Test
    void aTypeNoInterfaceDeclaresIsRefusedWithItsNameAndTheFix() throws Exception {
        try (InProcessExtension<ObjectShapes> extension = InProcessExtension.start(ObjectShapes.class, new Mirror())) {
            ObjectShapes shapes = extension.proxy();

            RemoteCallException e = assertThrows(RemoteCallException.class, () -> shapes.echo(new Undeclared(1)));

            assertThat(e).hasMessageThat().contains(Undeclared.class.getName() + " cannot cross the process boundary");
            assertThat(e).hasMessageThat().contains("declare it there");
            assertThat(shapes.echo("still works")).isEqualTo("still works");
        }
    }
}
