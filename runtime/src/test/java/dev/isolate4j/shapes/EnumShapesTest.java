package dev.isolate4j.shapes;

import static com.google.common.truth.Truth.assertThat;

import dev.isolate4j.ExtensionBase;
import dev.isolate4j.InProcessExtension;
import dev.isolate4j.shapes.EnumShapes.Level;
import dev.isolate4j.shapes.EnumShapes.Tagged;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each enum shape crosses and comes back equal, in any order of first use. */
class EnumShapesTest {
    public static final class Mirror extends ExtensionBase implements EnumShapes {
        @Override
        public Level level(Level level) {
            return level;
        }

        @Override
        public List<Level> list(List<Level> levels) {
            return levels;
        }

        @Override
        public Map<Level, String> keys(Map<Level, String> map) {
            return map;
        }

        @Override
        public EnumSet<Level> set(EnumSet<Level> set) {
            return set;
        }

        @Override
        public EnumMap<Level, Integer> enumMap(EnumMap<Level, Integer> map) {
            return map;
        }

        @Override
        public Tagged tagged(Tagged tagged) {
            return tagged;
        }
    }

    @Test
    void everyShapeComesBackEqualAfterAnEnumCrossedFirst() throws Exception {
        try (InProcessExtension<EnumShapes> extension = InProcessExtension.start(EnumShapes.class, new Mirror())) {
            EnumShapes shapes = extension.proxy();
            EnumMap<Level, Integer> counts = new EnumMap<>(Level.class);
            counts.put(Level.HIGH, 2);

            assertThat(shapes.level(Level.HIGH)).isEqualTo(Level.HIGH);
            assertThat(shapes.level(Level.LOW)).isEqualTo(Level.LOW);
            assertThat(shapes.list(List.of(Level.HIGH, Level.LOW)))
                    .containsExactly(Level.HIGH, Level.LOW)
                    .inOrder();
            assertThat(shapes.keys(Map.of(Level.LOW, "low"))).containsExactly(Level.LOW, "low");
            assertThat(shapes.set(EnumSet.of(Level.HIGH))).containsExactly(Level.HIGH);
            assertThat(shapes.enumMap(counts)).containsExactly(Level.HIGH, 2);
            assertThat(shapes.tagged(new Tagged("t", Level.HIGH))).isEqualTo(new Tagged("t", Level.HIGH));
        }
    }
}
