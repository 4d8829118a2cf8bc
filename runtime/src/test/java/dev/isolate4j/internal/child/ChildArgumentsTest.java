package dev.isolate4j.internal.child;

import static com.google.common.truth.Truth.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChildArgumentsTest {
    @Test
    void aPrestartedChildsLineCarriesEveryArgumentEmptyOnesAndOddCharactersIncluded() {
        ChildArguments arguments = new ChildArguments(
                Path.of("/tmp/isolate4j-1-x/socket"),
                "name with spaces\nand a newline",
                "com.acme.Greeter",
                Path.of("/plugins/a b.jar"),
                true,
                null,
                true,
                List.of("com.acme.Log"),
                Duration.ofSeconds(3),
                4096,
                null,
                false,
                List.of());

        String line = arguments.toLine();

        assertThat(line).doesNotContain("\n");
        assertThat(ChildArguments.parseLine(line)).isEqualTo(arguments);
    }

    @Test
    void anIsolatedChildsClassPathFileCrossesTheLine() {
        ChildArguments arguments = new ChildArguments(
                Path.of("/s"),
                "n",
                "T",
                Path.of("/m.jar"),
                false,
                Path.of("/env/n/class-path.txt"),
                false,
                List.of(),
                Duration.ofSeconds(60),
                1 << 30,
                Path.of("/debug"),
                true,
                List.of("a.B", "c.D"));

        assertThat(ChildArguments.parseLine(arguments.toLine())).isEqualTo(arguments);
    }
}
