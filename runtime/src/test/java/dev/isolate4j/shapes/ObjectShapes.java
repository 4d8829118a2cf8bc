package dev.isolate4j.shapes;

import dev.isolate4j.annotations.Callee;
import java.util.Map;

/** Values declared as {@code Object}: what they may carry does not depend on the order of calls. */
@Callee
public interface ObjectShapes {
    Object echo(Object value);

    Map<String, Object> echoMap(Map<String, Object> map);

    void watch(Watcher watcher);

    /** A callback: the only place that declares {@link Sighting}. */
    @Callee
    interface Watcher {
        void seen(Sighting sighting);
    }

    record Sighting(String what) {}
}
