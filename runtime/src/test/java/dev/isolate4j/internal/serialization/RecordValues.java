package dev.isolate4j.internal.serialization;

import dev.isolate4j.annotations.Callee;
import java.util.List;
import java.util.TreeMap;

/** Records as methods pass them; its generated descriptor lists a codec for each. */
@Callee
public interface RecordValues {
    /** Simple components only, one of them a record of its own kind. */
    record Reading(String sensor, double value, long at, int[] samples, List<String> tags, Reading previous) {}

    /** A component no simple kind takes (a sorted map keeps a comparator): the record crosses through Fory. */
    record Counted(String label, TreeMap<String, Integer> counts) {}

    /** Components declared as boxes and as {@code Object}. */
    record Loose(Integer maybe, Object anything) {}

    /** A primitive component, which a reader refuses to leave null. */
    record Point(int x, int y) {}

    /** An application enum: its constants cross by name. */
    enum Level {
        LOW,
        HIGH {
            @Override
            public String toString() {
                return "high, with a body of its own";
            }
        }
    }

    /** A record with an enum component. */
    record Alarm(String what, Level level) {}

    Reading reading(Reading reading);

    Alarm alarm(Alarm alarm, Level level);

    Counted counted(Counted counted);

    Loose loose(Loose loose);

    Point point(Point point);

    /** The JDK's enums, listed with the interface's own. */
    java.time.DayOfWeek dayAfter(java.time.DayOfWeek day, java.util.concurrent.TimeUnit unit);
}
