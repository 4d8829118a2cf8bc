package dev.isolate4j.shapes;

import dev.isolate4j.annotations.Callee;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/** Enums in every position an API puts them: each method returns its argument. */
@Callee
public interface EnumShapes {
    enum Level {
        LOW,
        HIGH
    }

    record Tagged(String name, Level level) {}

    Level level(Level level);

    List<Level> list(List<Level> levels);

    Map<Level, String> keys(Map<Level, String> map);

    EnumSet<Level> set(EnumSet<Level> set);

    EnumMap<Level, Integer> enumMap(EnumMap<Level, Integer> map);

    Tagged tagged(Tagged tagged);
}
