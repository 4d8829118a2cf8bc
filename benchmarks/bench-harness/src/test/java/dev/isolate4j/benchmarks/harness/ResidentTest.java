package dev.isolate4j.benchmarks.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ResidentTest {
    @Test
    void sumsEachMappingsResidentPagesUnderWhatItMaps() {
        List<String> smaps = List.of(
                "e0000000-e0400000 rw-p 00000000 00:00 0 ",
                "Rss:                4088 kB",
                "Anonymous:          4088 kB",
                "800000000-800454000 rw-p 00001000 08:01 123   /usr/lib/jvm/java-17/lib/server/classes.jsa",
                "Rss:                4432 kB",
                "Anonymous:          3964 kB",
                "800454000-800bc7000 r--p 00455000 08:01 123   /usr/lib/jvm/java-17/lib/server/classes.jsa",
                "Rss:                7628 kB",
                "Anonymous:             0 kB",
                "7f7443c51000-7f74449a4000 r-xp 00251000 08:01 456   /usr/lib/jvm/java-17/lib/server/libjvm.so",
                "Rss:               11580 kB",
                "Anonymous:             0 kB",
                "7f7425400000-7f74256a0000 rwxp 00000000 00:00 0 ",
                "Rss:                2648 kB",
                "Anonymous:          2648 kB",
                "7f7444ea7000-7f7444ffd000 r-xp 00028000 08:01 789   /lib/x86_64-linux-gnu/libc.so.6",
                "Rss:                1368 kB",
                "Anonymous:             0 kB",
                "562fbbc3e000-562fbbea7000 rw-p 00000000 00:00 0   [heap]",
                "Rss:                 876 kB",
                "Anonymous:           876 kB");

        Resident resident = Resident.parse(smaps);

        assertEquals(new Resident(11580, 4432 + 7628, 3964, 1368, 2648, 4088 + 876), resident);
        assertEquals(
                "libjvm 11.3, class-data archive 11.8 (3.9 of it copied), other files 1.3, compiled code 2.6,"
                        + " other anonymous 4.8 (Java heap (6.0 committed), metaspace, C heap, stacks)",
                resident.describe(6.0));
    }
}
