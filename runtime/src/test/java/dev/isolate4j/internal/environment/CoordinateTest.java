package dev.isolate4j.internal.environment;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class CoordinateTest {
    private static final String FORM = "group:artifact[:extension[:classifier]]:version";
    private static final String PATH_OR_URL = "it looks like a path or URL";
    private static final String OPTION = "it starts with '-' like a command-line option";
    private static final String VERSION = "is neither a version";

    @Test
    void groupArtifactVersionIsAJar() {
        Coordinate coordinate = Coordinate.parse("org.example:lib:1.0");

        assertThat(coordinate).isEqualTo(new Coordinate("org.example", "lib", "jar", "", "1.0"));
        assertThat(coordinate.toString()).isEqualTo("org.example:lib:jar:1.0");
    }

    @Test
    void fourPartsGiveTheExtension() {
        Coordinate coordinate = Coordinate.parse("org.example:lib:pom:2.3");

        assertThat(coordinate).isEqualTo(new Coordinate("org.example", "lib", "pom", "", "2.3"));
        assertThat(coordinate.toString()).isEqualTo("org.example:lib:pom:2.3");
    }

    @Test
    void fivePartsGiveTheExtensionAndClassifier() {
        Coordinate coordinate = Coordinate.parse("org.example:lib:jar:tests:2.3");

        assertThat(coordinate).isEqualTo(new Coordinate("org.example", "lib", "jar", "tests", "2.3"));
        assertThat(coordinate.toString()).isEqualTo("org.example:lib:jar:tests:2.3");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "1",
                "1.0",
                "1.0.0-SNAPSHOT",
                "2.0.0-rc-1",
                "1.0+build.5",
                "1_0",
                "20240101.120000-3",
                "LATEST",
                "[1.0,2.0)",
                "(,1.0]",
                "[1.0,)",
                "[1.0]",
                "(1.0-alpha,2.0+b]",
            })
    void acceptsVersionsAndRanges(String version) {
        Coordinate coordinate = Coordinate.parse("org.example:lib:" + version);

        assertThat(coordinate.version()).isEqualTo(version);
        assertThat(coordinate.groupId()).isEqualTo("org.example");
        assertThat(coordinate.artifactId()).isEqualTo("lib");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a:b:1", "A_b.c-d:E_f.g-h:1", "_g:_a:_1", "g9:a9:9"})
    void acceptsNamesOfLettersDigitsDotsDashesAndUnderscores(String text) {
        Coordinate coordinate = Coordinate.parse(text);

        assertThat(coordinate.groupId() + ":" + coordinate.artifactId() + ":" + coordinate.version())
                .isEqualTo(text);
    }

    @Test
    void nullIsRefusedAsEmpty() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Coordinate.parse(null));

        assertThat(e).hasMessageThat().contains("dependency 'null'");
        assertThat(e).hasMessageThat().contains("it is empty");
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                // empty
                Arguments.of("", "it is empty"),
                // shell characters
                Arguments.of("a:b:1;rm -rf /", PATH_OR_URL),
                Arguments.of("a:b:1;rm -rf x", "version '1;rm -rf x' " + VERSION),
                Arguments.of("g:a:$(x)", "version '$(x)' " + VERSION),
                Arguments.of("g:$(x):1", "its artifact '$(x)' holds characters other than"),
                Arguments.of("$(x):a:1", "its group '$(x)' holds characters other than"),
                Arguments.of("g:a:`id`", "version '`id`' " + VERSION),
                Arguments.of("`id`:a:1", "its group '`id`' holds characters other than"),
                Arguments.of("g:a:1|sh", "version '1|sh' " + VERSION),
                Arguments.of("g|sh:a:1", "its group 'g|sh' holds characters other than"),
                Arguments.of("g:a:1&", "version '1&' " + VERSION),
                Arguments.of("g:a&b:1", "its artifact 'a&b' holds characters other than"),
                Arguments.of("g:a b:1", "its artifact 'a b' holds characters other than"),
                Arguments.of(" g:a:1", "its group ' g' holds characters other than"),
                Arguments.of("g:a:1 ", "version '1 ' " + VERSION),
                Arguments.of("g:a:1\n", "version '1\n' " + VERSION),
                Arguments.of("g:a:'1'", "version ''1'' " + VERSION),
                Arguments.of("g:\"a\":1", "its artifact '\"a\"' holds characters other than"),
                Arguments.of("g:a:jar:x>y:1", "its classifier 'x>y' holds characters other than"),
                Arguments.of("g:a:j*r:1", "its extension 'j*r' holds characters other than"),
                Arguments.of("gr\u00fcn:a:1", "its group 'gr\u00fcn' holds characters other than"),
                // paths
                Arguments.of("../x:y:1", PATH_OR_URL),
                Arguments.of("/etc/passwd", PATH_OR_URL),
                Arguments.of("g:a/b:1", PATH_OR_URL),
                Arguments.of("..\\x:y:1", PATH_OR_URL),
                Arguments.of("C:\\x:y:1", PATH_OR_URL),
                // URLs
                Arguments.of("http://evil/x:y:1", PATH_OR_URL),
                Arguments.of("https://repo.example.com/g:a:1", PATH_OR_URL),
                Arguments.of("file:///tmp/x.jar", PATH_OR_URL),
                // option-like
                Arguments.of("-Dfoo=bar", OPTION),
                Arguments.of("--help", OPTION),
                Arguments.of("-g:a:1", OPTION),
                // empty parts
                Arguments.of(":a:1", "its group is empty"),
                Arguments.of("g::1", "its artifact is empty"),
                Arguments.of("g:a:", "version '' " + VERSION),
                Arguments.of("g:a::1", "its extension is empty"),
                Arguments.of("g:a:jar::1", "its classifier is empty"),
                Arguments.of("::", "its group is empty"),
                // too few or too many parts
                Arguments.of("g", "it has 1 parts separated by ':', not 3 to 5"),
                Arguments.of("g:a", "it has 2 parts separated by ':', not 3 to 5"),
                Arguments.of("g:a:jar:tests:1:x", "it has 6 parts separated by ':', not 3 to 5"),
                Arguments.of("a:b:c:d:e:f:g", "it has 7 parts separated by ':', not 3 to 5"),
                // bad versions and ranges
                Arguments.of("g:a:.1", "version '.1' " + VERSION),
                Arguments.of("g:a:+1", "version '+1' " + VERSION),
                Arguments.of("g:a:[1.0;2.0)", "version '[1.0;2.0)' " + VERSION),
                Arguments.of("g:a:[1.0,2.0", "version '[1.0,2.0' " + VERSION),
                Arguments.of("g:a:1.0,2.0)", "version '1.0,2.0)' " + VERSION),
                Arguments.of("g:a:[1.0 , 2.0)", "version '[1.0 , 2.0)' " + VERSION),
                Arguments.of("g:a:[1.0,$(x))", "version '[1.0,$(x))' " + VERSION),
                Arguments.of("g:a:[1.0,`id`]", "version '[1.0,`id`]' " + VERSION),
                Arguments.of("g:a:{1.0}", "version '{1.0}' " + VERSION));
    }

    @ParameterizedTest
    @MethodSource
    void refused(String text, String rule) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Coordinate.parse(text));

        assertThat(e).hasMessageThat().contains("dependency '" + text + "'");
        assertThat(e).hasMessageThat().contains(rule);
        assertThat(e).hasMessageThat().contains(FORM);
    }
}
