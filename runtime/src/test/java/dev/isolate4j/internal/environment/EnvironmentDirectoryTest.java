package dev.isolate4j.internal.environment;

import static com.google.common.truth.Truth.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EnvironmentDirectoryTest {
    private static final String SAFE = "[a-z0-9_][a-z0-9._-]*";

    @TempDir
    Path root;

    @ParameterizedTest
    @ValueSource(strings = {"greeter", "my-ext_1.0", "a", "_", "x.y.z", "0123456789"})
    void aPlainSafeNameMapsToItself(String name) {
        assertThat(EnvironmentDirectory.of(root, name)).isEqualTo(root.resolve(name));
    }

    @Test
    void aSafeNameOfTheLongestLengthMapsToItself() {
        String name = "n".repeat(64);

        assertThat(EnvironmentDirectory.of(root, name)).isEqualTo(root.resolve(name));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "My Ext",
                "UPPER",
                "with space",
                "tab\there",
                "new\nline",
                "\u00c4rger \u00fcber \u00d6l",
                "\u65e5\u672c\u8a9e",
                "emoji \ud83d\ude00",
                "..",
                ".",
                "...",
                ".hidden",
                "/",
                "\\",
                "a/b",
                "a\\b",
                "../../etc/passwd",
                "..\\..\\windows",
                "/etc/passwd",
                "a/../../b",
                "C:\\Windows",
                "nul\u0000byte",
                "$(rm -rf ~)",
                "*?<>|\"':",
            })
    void namesAreNormalizedAndStayDirectlyUnderTheRoot(String name) {
        Path directory = EnvironmentDirectory.of(root, name);

        assertDirectlyUnderRoot(directory);
        String fileName = directory.getFileName().toString();
        assertThat(fileName).matches(SAFE + "-[0-9a-f]{8}");
        assertThat(fileName).isNotEqualTo(name);
    }

    @Test
    void veryLongNamesAreShortenedAndStayDistinct() {
        String a = "x".repeat(1000) + "a";
        String b = "x".repeat(1000) + "b";

        Path first = EnvironmentDirectory.of(root, a);
        Path second = EnvironmentDirectory.of(root, b);

        assertDirectlyUnderRoot(first);
        assertDirectlyUnderRoot(second);
        assertThat(first.getFileName().toString().length()).isAtMost(64 + 9);
        assertThat(first.getFileName().toString()).matches(SAFE + "-[0-9a-f]{8}");
        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void theSameNameAlwaysMapsToTheSameDirectory() {
        for (String name : List.of("My Ext", "greeter", "..", "\u65e5\u672c\u8a9e", "x".repeat(300))) {
            assertThat(EnvironmentDirectory.of(root, name)).isEqualTo(EnvironmentDirectory.of(root, name));
        }
    }

    @Test
    void aRelativeRootGivesADirectoryUnderItsAbsoluteForm() {
        Path relative = Path.of("build", "..", "environments");

        Path directory = EnvironmentDirectory.of(relative, "My Ext");

        assertThat(directory.isAbsolute()).isTrue();
        assertThat(directory.getParent()).isEqualTo(relative.toAbsolutePath().normalize());
    }

    @Test
    void differentNamesNeverShareADirectory() {
        List<String> names = List.of(
                "My Ext",
                "my ext",
                "MY EXT",
                "My_Ext",
                "my_ext",
                "my-ext",
                "my.ext",
                "My.Ext",
                "a/b",
                "a\\b",
                "a_b",
                "a b",
                "A_B",
                "..",
                ".",
                "...",
                "_",
                "__",
                "._",
                ".hidden",
                "_hidden",
                "\u00e4",
                "\u00f6",
                "\u00c4",
                "\u65e5",
                "\u672c",
                "x".repeat(64),
                "x".repeat(65),
                "X".repeat(64),
                "x".repeat(100) + "1",
                "x".repeat(100) + "2");
        Map<Path, String> seen = new HashMap<>();

        for (String name : names) {
            Path directory = EnvironmentDirectory.of(root, name);
            String other = seen.put(directory, name);
            assertThat(other == null ? null : "'" + other + "' and '" + name + "' share " + directory)
                    .isNull();
        }
    }

    @Test
    void aSafeNameThatLooksNormalizedDoesNotTakeAnotherNamesDirectory() {
        Path normalized = EnvironmentDirectory.of(root, "My Ext");
        String lookalike = normalized.getFileName().toString(); // "my_ext-" + 8 hex digits

        assertThat(EnvironmentDirectory.of(root, lookalike)).isNotEqualTo(normalized);
    }

    private void assertDirectlyUnderRoot(Path directory) {
        Path absoluteRoot = root.toAbsolutePath().normalize();
        assertThat(directory.isAbsolute()).isTrue();
        assertThat(directory.normalize()).isEqualTo(directory);
        assertThat(directory.getParent()).isEqualTo(absoluteRoot);
        String fileName = directory.getFileName().toString();
        assertThat(fileName).isNotEmpty();
        assertThat(fileName).isNotEqualTo(".");
        assertThat(fileName).isNotEqualTo("..");
        assertThat(fileName).doesNotContain("/");
        assertThat(fileName).doesNotContain("\\");
        assertThat(fileName.startsWith(".")).isFalse();
    }
}
